package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stat-only index of a rootfs directory: absolute path inside the rootfs → {@link StatEntry}. The root itself
 * is not indexed (a layer never holds "/"). Ignored paths (absolute inside the rootfs, e.g. {@code /proc},
 * mounted files) are neither indexed nor descended into. Immutable once built.
 *
 * <p>Racy entries: a filesystem timestamp has the kernel's coarse-clock granularity (a few ms), so a file
 * changed again in the same tick as the moment it was indexed could keep its ctime. {@link #build} therefore
 * returns only after the clock has moved {@value #RACY_MILLIS} ms past the newest ctime it saw (usually no
 * wait at all); a later change then always gets a later ctime.
 */
public final class SnapshotIndex {
    static final int RACY_MILLIS = 20;
    private final Path root;
    private final Set<String> ignored;
    private final Map<String, StatEntry> entries;

    private SnapshotIndex(Path root, Set<String> ignored, Map<String, StatEntry> entries) {
        this.root = root;
        this.ignored = ignored;
        this.entries = entries;
    }

    /** The index of an empty rootfs (everything in a later index is added). */
    public static SnapshotIndex empty(Path root) {
        return new SnapshotIndex(root, Set.of(), Map.of());
    }

    /** Walks {@code root} for {@code walk} mode (no contents read). */
    public static SnapshotIndex build(Path root, Set<String> ignoredPaths) throws IOException {
        return build(root, ignoredPaths, SnapshotMode.WALK);
    }

    /** Walks {@code root}; for {@link SnapshotMode.Compare#STAT_AND_CONTENT} also hashes every regular file. */
    public static SnapshotIndex build(Path root, Set<String> ignoredPaths, SnapshotMode mode) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("snapshot: rootfs " + root + " is not a directory");
        Set<String> ign = new HashSet<>();
        for (String p : ignoredPaths) ign.add(LayerPaths.clean(p));
        Map<String, StatEntry> m = new ConcurrentHashMap<>(1 << 14);
        long maxCtime = TreeWalk.walk(root, ign, m);
        if (mode.compare() == SnapshotMode.Compare.STAT_AND_CONTENT) ContentHash.hashAll(root, m);
        waitPastRacyWindow(maxCtime);
        return new SnapshotIndex(root, Set.copyOf(ign), Collections.unmodifiableMap(m));
    }

    private static void waitPastRacyWindow(long maxCtimeNanos) throws IOException {
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long waitNanos = Math.min(maxCtimeNanos + RACY_MILLIS * 1_000_000L - nowNanos, RACY_MILLIS * 1_000_000L);
        if (waitNanos <= 0) return;
        try {
            Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("snapshot: interrupted", e);
        }
    }

    public Path root() {
        return root;
    }

    /** The ignored paths this index was built with (cleaned absolute paths). */
    public Set<String> ignored() {
        return ignored;
    }

    /** The entry at an absolute path inside the rootfs, or null. */
    public StatEntry get(String absPath) {
        return entries.get(absPath);
    }

    /** All entries, unmodifiable, in no particular order. */
    public Map<String, StatEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }
}
