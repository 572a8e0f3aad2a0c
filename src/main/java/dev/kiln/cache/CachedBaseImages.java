package dev.kiln.cache;

import dev.kiln.plan.BaseImage;
import dev.kiln.plan.BaseImageResolver;

import dev.kiln.cache.BaseImageCache;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code --cache-dir}: base images from the cache {@code kiln warm} filled (an OCI layout per image), read
 * without contacting any registry; an image missing there or older than the TTL comes from {@code fallback}.
 */
public record CachedBaseImages(BaseImageCache cache, Duration ttl, BaseImageResolver fallback, EventSink events)
        implements BaseImageResolver {
    @Override
    public BaseImage resolve(String imageRef, Platform platform) throws IOException {
        String key = Reference.parse(imageRef).toString();
        Optional<Image> img;
        try {
            img = cache.read(key, platform, ttl, Instant.now());
        } catch (IOException e) {
            events.emit(Event.warn("cache", "cannot read " + key + " from base image cache "
                    + cache.layoutFor(key, platform) + " (pulling it instead): " + e.getMessage()));
            img = Optional.empty();
        }
        if (img.isPresent()) {
            events.emit(Event.info("cache", "using base image " + key + " from " + cache.layoutFor(key, platform)));
            return new BaseImage(key, img.get().manifestBlob().descriptor().digest(), img.get());
        }
        events.emit(Event.info("cache", "base image " + key + " is not in the cache " + cache.dir() + "; pulling it"));
        return fallback.resolve(imageRef, platform);
    }
}
