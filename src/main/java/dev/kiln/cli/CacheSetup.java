package dev.kiln.cli;

import dev.kiln.plan.BaseImageResolver;
import dev.kiln.cache.BuildCache;
import dev.kiln.cache.CachedBaseImages;
import dev.kiln.cache.BaseImageCache;
import dev.kiln.cache.CacheOptions;
import dev.kiln.cache.LayerCache;
import dev.kiln.cache.OciLayoutLayerCache;
import dev.kiln.cache.RegistryLayerCache;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.RegistryImages;
import dev.kiln.request.BuildRequest;
import dev.kiln.request.BuildRequest.LayerCacheLocation;

import java.time.Duration;

/** The caches a {@link BuildRequest} asks for, made: a {@link BuildCache} and a base-image resolver. */
record CacheSetup(BuildCache cache, BaseImageResolver bases) {
    /** @param singleSnapshot {@code --single-snapshot}: RUNs fold into one layer, so their results are not cached */
    static CacheSetup of(BuildRequest.Cache req, boolean singleSnapshot, RegistryImages registry, Platform platform,
                         BaseImageResolver pull, EventSink events) {
        Duration ttl = req.options().ttl();
        BaseImageResolver bases = req.baseImageDir() == null ? pull
                : new CachedBaseImages(new BaseImageCache(req.baseImageDir()), ttl, pull, events);
        if (!req.wanted()) return new CacheSetup(BuildCache.none(), bases);
        if (req.layers() == null) {
            events.emit(Event.warn("cache", "--cache needs --cache-repo or a --destination (its repository + /cache); building without the layer cache"));
            return new CacheSetup(BuildCache.none(), bases);
        }
        LayerCache layers = switch (req.layers()) {
            case LayerCacheLocation.OciDirectory d -> new OciLayoutLayerCache(d.dir(), platform);
            case LayerCacheLocation.Repository r -> new RegistryLayerCache(r.repository(), registry, platform);
        };
        events.emit(Event.info("cache", "layer cache: " + layers.describe() + " (ttl " + ttl + ")"));
        var opts = req.options();
        if (opts.runLayers() && singleSnapshot) {
            // a folded RUN has no layer of its own: a cache entry for it would replay as "changed nothing"
            events.emit(Event.warn("cache", "--single-snapshot: RUN results are not cached (their changes are folded into one layer)"));
            opts = new CacheOptions(opts.ttl(), false, opts.copyLayers(), opts.push());
        }
        return new CacheSetup(new BuildCache(layers, opts, events), bases);
    }

    /**
     * A multi-platform build without {@code --cache}: a layer cache private to the build, in {@code dir}, used by the
     * {@code FROM --platform=...} stages only, so a step that is the same for every platform (the steps of a
     * {@code --platform=$BUILDPLATFORM} stage before its first {@code TARGET*} ARG) runs once and is replayed for the
     * other platforms, as BuildKit builds a shared vertex once.
     */
    static CacheSetup sharedSteps(java.nio.file.Path dir, Platform platform, BaseImageResolver bases, EventSink events) {
        LayerCache layers = new OciLayoutLayerCache(dir, platform);
        return new CacheSetup(BuildCache.forPlatformPinnedStages(layers, new CacheOptions(Duration.ofDays(1), true, true, true), events), bases);
    }
}
