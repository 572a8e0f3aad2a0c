package dev.kiln.step;

import java.nio.file.Path;

/**
 * A file, directory or symlink in a COPY/ADD source tree (the build context, a stage's filesystem or a download).
 *
 * @param uid      owner kept when the tree keeps owners (stages) and no --chown is given; 0 for the context
 * @param gid      group, likewise
 * @param linkKey  identifies the inode of a regular file with more than one link ({@code dev:ino}), else null:
 *                 entries with the same key become tar hard links
 */
public record SourceEntry(String relPath, Path path, Kind kind, int mode, long size, long mtimeSeconds, String linkTarget,
                          int uid, int gid, String linkKey) {
    public enum Kind { FILE, DIR, SYMLINK }

    /** An entry owned by root with no hard links (context files, heredocs, downloads). */
    public SourceEntry(String relPath, Path path, Kind kind, int mode, long size, long mtimeSeconds, String linkTarget) {
        this(relPath, path, kind, mode, size, mtimeSeconds, linkTarget, 0, 0, null);
    }

    public String baseName() {
        String p = relPath.endsWith("/") ? relPath.substring(0, relPath.length() - 1) : relPath;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
