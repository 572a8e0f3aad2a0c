package dev.kiln.fs.snapshot;

/** One changed absolute path between two {@link SnapshotIndex}es. */
public record Change(String path, Kind kind) {
    public enum Kind {
        /** New path. */
        ADDED,
        /** Same type, some compared field differs. */
        MODIFIED,
        /** Gone; reported only for the topmost gone path whose parent is still a directory. */
        DELETED,
        /** Same path, other type (e.g. a directory replaced by a file): written as the new entry, no whiteout. */
        TYPE_CHANGED
    }

    public Change {
        if (path == null || !path.startsWith("/") || path.equals("/")) throw new IllegalArgumentException("bad change path: " + path);
        if (kind == null) throw new IllegalArgumentException("kind is required");
    }
}
