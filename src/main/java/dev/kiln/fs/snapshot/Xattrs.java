package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads (and where possible removes) extended attributes of a path without following a final symlink. */
public interface Xattrs {
    /** The value of {@code name} (full name, e.g. {@code trusted.overlay.opaque}), or null when absent. */
    byte[] get(Path path, String name) throws IOException;

    /** Full names of the attributes of {@code path} starting with {@code prefix}; empty when none or unreadable. */
    List<String> list(Path path, String prefix) throws IOException;

    /** Removes an attribute; implementations that cannot do so ignore the call. */
    void remove(Path path, String name) throws IOException;

    /** The {@code user.} namespace through the JDK's {@code UserDefinedFileAttributeView}. */
    static Xattrs userNamespace() {
        return new UserXattrs();
    }
}
