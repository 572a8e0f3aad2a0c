package dev.kiln.cli;

import dev.kiln.build.BaseImageResolver;
import dev.kiln.build.BuildCache;
import dev.kiln.build.CachedBaseImages;
import dev.kiln.cache.BaseImageCache;
import dev.kiln.cache.CacheOptions;
import dev.kiln.cache.LayerCache;
import dev.kiln.cache.OciLayoutLayerCache;
import dev.kiln.cache.RegistryLayerCache;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The cache flags of {@code kiln build} turned into a {@link BuildCache} and a base-image resolver. */
record CacheSetup(BuildCache cache, BaseImageResolver bases) {
    static CacheSetup of(BuildCommand f, CommandLine cl, List<Reference> destinations, RegistryImages registry,
                         Platform platform, BaseImageResolver pull, EventSink events) {
        Duration ttl = ttl(f.cacheTtl, cl);
        BaseImageResolver bases = f.cacheDir == null ? pull
                : new CachedBaseImages(new BaseImageCache(f.cacheDir), ttl, pull, events);
        if (!f.cache) return new CacheSetup(BuildCache.none(), bases);
        LayerCache layers = layerCache(f.cacheRepo, destinations, registry, platform, cl);
        if (layers == null) {
            events.emit(Event.warn("cache", "--cache needs --cache-repo or a --destination (its repository + /cache); building without the layer cache"));
            return new CacheSetup(BuildCache.none(), bases);
        }
        events.emit(Event.info("cache", "layer cache: " + layers.describe() + " (ttl " + ttl + ")"));
        boolean runLayers = f.cacheRunLayers;
        if (runLayers && f.singleSnapshot) {
            // a folded RUN has no layer of its own: a cache entry for it would replay as "changed nothing"
            events.emit(Event.warn("cache", "--single-snapshot: RUN results are not cached (their changes are folded into one layer)"));
            runLayers = false;
        }
        var opts = new CacheOptions(ttl, runLayers, f.cacheCopyLayers, !f.noPushCache);
        return new CacheSetup(new BuildCache(layers, opts, events), bases);
    }

    static Duration ttl(String s, CommandLine cl) {
        try {
            return CacheOptions.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --cache-ttl: " + e.getMessage());
        }
    }

    private static LayerCache layerCache(String repo, List<Reference> destinations, RegistryImages registry,
                                        Platform platform, CommandLine cl) {
        if (repo != null && repo.startsWith("oci:")) {
            String dir = repo.substring("oci:".length());
            if (dir.isEmpty()) throw new CommandLine.ParameterException(cl, "invalid --cache-repo '" + repo + "': oci: needs a directory");
            return new OciLayoutLayerCache(Path.of(dir).toAbsolutePath().normalize(), platform);
        }
        Reference ref;
        if (repo != null) {
            try {
                ref = Reference.parse(repo);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "invalid --cache-repo '" + repo + "': " + e.getMessage());
            }
            if (ref.digest() != null || (ref.tag() != null && !ref.tag().equals(Reference.DEFAULT_TAG) && repo.contains("@"))) {
                throw new CommandLine.ParameterException(cl, "invalid --cache-repo '" + repo + "': give a repository, not an image digest");
            }
        } else if (!destinations.isEmpty()) {
            Reference d = destinations.getFirst();
            ref = new Reference(d.registry(), d.repository() + "/cache", Reference.DEFAULT_TAG, null);
        } else {
            return null;
        }
        return new RegistryLayerCache(ref, registry, platform);
    }
}
