package dev.kiln.cache;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RemoteImage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Kaniko's warmer: pulls base images into a {@link BaseImageCache}, skipping fresh entries unless forced. */
public final class Warmer {
    private final BaseImageCache cache;
    private final RegistryImages registry;
    private final EventSink events;

    public Warmer(BaseImageCache cache, RegistryImages registry, EventSink events) {
        this.cache = cache;
        this.registry = registry;
        this.events = events;
    }

    /** Warms every image; returns how many were downloaded (the rest were fresh already). */
    public int warm(List<String> images, Platform platform, Duration ttl, boolean force) throws IOException {
        int pulled = 0;
        for (String name : images) {
            Reference ref = Reference.parse(name);
            String key = ref.toString();
            if (!force && cache.fresh(key, platform, ttl, Instant.now())) {
                events.emit(Event.info("warm", key + " (" + platform + ") is already cached in "
                        + cache.layoutFor(key, platform) + "; --force refreshes it"));
                continue;
            }
            RemoteImage img;
            try {
                img = registry.pull(ref, platform);
            } catch (IOException e) {
                throw new IOException("cannot warm " + key + ": " + e.getMessage(), e);
            }
            var dir = cache.write(key, platform, img.image());
            events.emit(Event.info("warm", "cached " + key + "@" + img.manifestDigest() + " (" + platform + ") in " + dir));
            pulled++;
        }
        return pulled;
    }
}
