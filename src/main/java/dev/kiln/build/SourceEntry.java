package dev.kiln.build;

import java.nio.file.Path;

/** A file, directory or symlink in a COPY/ADD source tree (the build context or, later, a stage). */
public record SourceEntry(String relPath, Path path, Kind kind, int mode, long size, long mtimeSeconds, String linkTarget) {
    public enum Kind { FILE, DIR, SYMLINK }

    public String baseName() {
        String p = relPath.endsWith("/") ? relPath.substring(0, relPath.length() - 1) : relPath;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
