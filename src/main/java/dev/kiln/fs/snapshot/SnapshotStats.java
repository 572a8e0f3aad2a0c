package dev.kiln.fs.snapshot;

import java.time.Duration;

/**
 * What a snapshot wrote: tar entries (incl. whiteouts), whiteout and opaque markers, bytes of file contents,
 * the compressed layer size, entries that could not be stored (sockets, devices), and the time it took.
 */
public record SnapshotStats(int entries, int whiteouts, long contentBytes, long layerBytes, int skipped, Duration elapsed) {
    public SnapshotStats {
        if (entries < 0 || whiteouts < 0 || contentBytes < 0 || layerBytes < 0 || skipped < 0) {
            throw new IllegalArgumentException("negative snapshot statistic");
        }
    }
}
