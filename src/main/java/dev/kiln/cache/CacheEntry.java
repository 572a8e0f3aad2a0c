package dev.kiln.cache;

import dev.kiln.image.History;
import dev.kiln.image.Layer;

import java.time.Duration;
import java.time.Instant;

/**
 * What replaying one cached instruction needs: its layer (null when it produced none), its history entry,
 * the config delta (only the working directory: the one config field a cacheable instruction changes) and
 * when the entry was made (for {@code --cache-ttl}).
 */
public record CacheEntry(Layer layer, History history, String workingDir, Instant created) {
    public CacheEntry {
        if (history == null || created == null) throw new IllegalArgumentException("cache entry needs history and created time");
        if ((layer == null) != history.isEmptyLayer()) {
            throw new IllegalArgumentException("cache entry: history empty_layer=" + history.isEmptyLayer()
                    + " but layer " + (layer == null ? "absent" : "present"));
        }
    }

    /** True when the entry is older than {@code ttl} at {@code now}. */
    public boolean expired(Instant now, Duration ttl) {
        return created.plus(ttl).isBefore(now);
    }
}
