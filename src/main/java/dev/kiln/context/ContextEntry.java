package dev.kiln.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a build context as COPY/ADD sees it.
 *
 * @param path       slash-separated path relative to the context root as the Dockerfile named it (for a
 *                   source reached through a followed symlink this is the link's name, not the target's;
 *                   {@code "."} is the root)
 * @param absolute   the file on disk holding the content (the symlink target when one was followed)
 * @param type       file type of {@code absolute} (never followed: a SYMLINK is reported as such)
 * @param stat       lstat of {@code absolute}
 * @param linkTarget the link text for a SYMLINK, else null
 */
public record ContextEntry(String path, Path absolute, Type type, FileStat stat, String linkTarget) {
    /** File types; OTHER covers fifos, sockets and device nodes (see {@code stat().mode()}). */
    public enum Type { FILE, DIR, SYMLINK, OTHER }

    public ContextEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(absolute, "absolute");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stat, "stat");
        if (!GoPath.clean(path).equals(path) || path.startsWith("/") || path.equals("..") || path.startsWith("../")) {
            throw new IllegalArgumentException("context entry path must be clean and relative: '" + path + "'");
        }
        if ((type == Type.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("link target is required exactly for symlinks: " + path);
        }
    }

    /** Reads the entry at {@code absolute} without following it, naming it {@code path}. */
    public static ContextEntry read(String path, Path absolute) throws IOException {
        FileStat stat = FileStat.lstat(absolute);
        Type type = stat.type();
        String target = type == Type.SYMLINK ? Files.readSymbolicLink(absolute).toString() : null;
        return new ContextEntry(path, absolute, type, stat, target);
    }

    public long size() {
        return type == Type.FILE || type == Type.SYMLINK ? stat.size() : 0;
    }

    public int permissions() {
        return stat.permissions();
    }

    public boolean isDirectory() {
        return type == Type.DIR;
    }

    /** The last path segment ({@code "."} for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
