package dev.kiln.cache;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.util.Optional;

/** A store of cached instructions by cache key: a registry repository or an OCI layout. Thread-safe. */
public interface LayerCache {
    /** The entry stored under {@code key}, or empty when there is none (a miss is not an error). */
    Optional<CacheEntry> lookup(Digest key) throws IOException;

    /** Stores {@code entry} under {@code key}; the layer blob is read from {@code entry.layer().open()}. */
    void store(Digest key, CacheEntry entry) throws IOException;

    /** Where the cache lives, for messages. */
    String describe();
}
