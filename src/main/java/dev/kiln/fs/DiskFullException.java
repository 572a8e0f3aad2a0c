package dev.kiln.fs;

import java.io.IOException;
import java.nio.file.Path;

/** The disk (or quota) ran out while kiln wrote {@link #path()}; the message says how much was needed and what is left. */
public final class DiskFullException extends IOException {
    private final Path path;

    DiskFullException(Path path, String needed, String space, Throwable cause) {
        this("no space left on device writing " + path + (needed == null ? "" : " (" + needed + ")")
                + (space == null ? "" : ": " + space)
                + "; free some space there or move the build's files with --kaniko-dir, KILN_DIR or TMPDIR", path, cause);
    }

    DiskFullException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
