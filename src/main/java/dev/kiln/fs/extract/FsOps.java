package dev.kiln.fs.extract;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Filesystem operations that never follow a symlink in the final component. */
final class FsOps {
    private FsOps() {}

    /** lstat, or null when the path does not exist. */
    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes a path and, for a real directory, everything below it; symlinks are removed, not followed. */
    static void removeAll(Path p) throws IOException {
        BasicFileAttributes a = lstat(p);
        if (a == null) return;
        if (a.isDirectory()) removeChildren(p, c -> true);
        Files.deleteIfExists(p);
    }

    /**
     * Deletes the children of a real directory for which {@code drop} is true; for kept
     * subdirectories, {@code descend} decides whether to apply the same rule below them.
     */
    static void removeChildren(Path dir, Predicate<Path> drop) throws IOException {
        removeChildren(dir, drop, c -> false);
    }

    static void removeChildren(Path dir, Predicate<Path> drop, Predicate<Path> descend) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) children.add(c);
        }
        for (Path c : children) {
            if (drop.test(c)) {
                removeAll(c);
            } else if (descend.test(c)) {
                BasicFileAttributes a = lstat(c);
                if (a != null && a.isDirectory()) removeChildren(c, drop, descend);
            }
        }
    }

    /**
     * Creates the missing directories from {@code root} down to {@code dir} (0755, owned by the
     * process), one component at a time with mkdir, which never follows a symlink. {@code dir}
     * comes from {@link SecureJoin}, so existing components are real directories or the call fails.
     * Returns the directories created.
     */
    static List<Path> mkdirs(Path root, Path dir) throws IOException {
        return mkdirs(root, dir, new java.util.HashSet<>());
    }

    /** As {@link #mkdirs(Path, Path)}; directories in {@code knownDirs} are not looked up, the ones seen are added. */
    static List<Path> mkdirs(Path root, Path dir, java.util.Set<Path> knownDirs) throws IOException {
        List<Path> created = new ArrayList<>();
        Path cur = root;
        for (Path seg : root.relativize(dir)) {
            if (seg.toString().isEmpty()) continue;
            cur = cur.resolve(seg);
            if (knownDirs.contains(cur)) continue;
            BasicFileAttributes a = lstat(cur);
            if (a == null) {
                Files.createDirectory(cur);
                created.add(cur);
            } else if (!a.isDirectory()) {
                throw new IOException(cur + " is not a directory");
            }
            knownDirs.add(cur);
        }
        return created;
    }
}
