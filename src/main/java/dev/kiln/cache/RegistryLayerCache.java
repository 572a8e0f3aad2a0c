package dev.kiln.cache;

import dev.kiln.image.Digest;
import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RemoteImage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Kaniko's registry cache: each entry is an image in one repository, tagged with the key's hex. A look-up is a
 * manifest GET and a config GET; the layer stays in the registry (its origin is the cache repository, so a push
 * mounts it instead of downloading it). Tags are written by single manifest PUTs, so concurrent builds sharing
 * the repository can only replace an entry with an equivalent one.
 */
public final class RegistryLayerCache implements LayerCache {
    private final Reference repo;
    private final RegistryImages registry;
    private final Platform platform;

    public RegistryLayerCache(Reference repo, RegistryImages registry, Platform platform) {
        this.repo = repo;
        this.registry = registry;
        this.platform = platform;
    }

    public Reference refFor(Digest key) {
        return repo.withTag(key.hex());
    }

    @Override
    public Optional<CacheEntry> lookup(Digest key) throws IOException {
        Reference ref = refFor(key);
        RemoteImage img;
        try {
            img = registry.pull(ref, platform);
        } catch (IOException e) {
            if (notFound(e)) return Optional.empty();
            throw e;
        }
        return Optional.of(CacheImages.fromImage(img.image(), key, ref.toString()));
    }

    @Override
    public void store(Digest key, CacheEntry entry) throws IOException {
        registry.push(CacheImages.toImage(key, entry, platform), List.of(refFor(key)));
    }

    @Override
    public String describe() {
        return repo.name();
    }

    static boolean notFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryException r && (r.status() == 404 || r.hasCode("MANIFEST_UNKNOWN")
                    || r.hasCode("NAME_UNKNOWN"))) return true;
        }
        return false;
    }
}
