package dev.kiln.fs.snapshot;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --snapshot-mode}: how the changes of a RUN are found.
 *
 * <table>
 * <caption>names and what they mean</caption>
 * <tr><th>name</th><th>strategy</th><th>a path is changed when</th></tr>
 * <tr><td>{@code walk}</td><td>walk</td><td>any lstat field differs: type, size, mtime, ctime, mode, owner,
 *     inode, device, link count, symlink target, rdev. ctime cannot be set by a process, so content
 *     changes are caught without reading contents</td></tr>
 * <tr><td>{@code overlay}</td><td>overlay upper dir</td><td>it is in the upper dir (O(changes))</td></tr>
 * <tr><td>{@code redo} (Kaniko)</td><td>walk</td><td>as {@code walk}: Kaniko's redo compares mtime, size,
 *     mode and owner; ours is a superset of that, so it never misses what redo finds</td></tr>
 * <tr><td>{@code full} (Kaniko)</td><td>walk</td><td>as {@code walk}, or the sha256 of a regular file's
 *     contents differs. Kaniko's full hashes every file; so does this mode, at index time (O(bytes))</td></tr>
 * <tr><td>{@code time} (Kaniko)</td><td>walk</td><td>the type or the mtime differs (Kaniko's semantics:
 *     misses {@code chmod}, {@code chown} and writes that restore the mtime)</td></tr>
 * </table>
 */
public enum SnapshotMode {
    WALK(Strategy.WALK, Compare.STAT),
    OVERLAY(Strategy.OVERLAY, Compare.STAT),
    REDO(Strategy.WALK, Compare.STAT),
    FULL(Strategy.WALK, Compare.STAT_AND_CONTENT),
    TIME(Strategy.WALK, Compare.MTIME);

    /** Where the changes come from. */
    public enum Strategy { WALK, OVERLAY }

    /** Which fields of two index entries decide that a path changed (walk strategy). */
    public enum Compare { STAT, STAT_AND_CONTENT, MTIME }

    private final Strategy strategy;
    private final Compare compare;

    SnapshotMode(Strategy strategy, Compare compare) {
        this.strategy = strategy;
        this.compare = compare;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Compare compare() {
        return compare;
    }

    /** The flag value ({@code walk}, {@code overlay}, {@code redo}, {@code full}, {@code time}). */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code --snapshot-mode} value, case-insensitively. */
    public static SnapshotMode parse(String s) {
        String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
        for (SnapshotMode m : values()) if (m.name().equals(n)) return m;
        throw new IllegalArgumentException("invalid --snapshot-mode '" + s + "': expected one of "
                + Arrays.stream(values()).map(SnapshotMode::flagName).collect(Collectors.joining(", ")));
    }
}
