package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerFile;

/** The layer a snapshot produced and what went into it. */
public record SnapshotResult(LayerFile layer, SnapshotStats stats) {
    public SnapshotResult {
        if (layer == null || stats == null) throw new IllegalArgumentException("layer and stats are required");
    }
}
