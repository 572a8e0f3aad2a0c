package dev.kiln.fs.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Joins an untrusted path to a root directory with chroot semantics, like
 * github.com/cyphar/filepath-securejoin: ".." never climbs above the root, absolute names and absolute
 * symlink targets start again at the root, and every symlink met on the way (in the real
 * filesystem) is resolved inside the root. The result is always the root or below it, and none of
 * its existing components but possibly the last ({@code followLast} false) is a symlink. Components
 * that do not exist are taken literally. Same semantics as {@code dev.kiln.fs.TreeIndex#resolve},
 * applied to a directory on disk.
 */
public final class SecureJoin {
    /** Linux's limit on symlinks followed during one lookup is 40; securejoin allows 255. */
    public static final int MAX_SYMLINKS = 255;

    private SecureJoin() {}

    /**
     * @param root       an existing directory, trusted (use its real path)
     * @param unsafe     a slash-separated path, relative or absolute, from a tar entry or link
     * @param followLast whether a symlink in the final component is resolved too
     */
    public static Path resolve(Path root, String unsafe, boolean followLast) throws IOException {
        return resolve(root, unsafe, followLast, java.util.Set.of());
    }

    /**
     * @param knownDirs paths below the root the caller has seen to be real directories (not symlinks) and that
     *                  nothing has replaced since: not looked up again
     */
    public static Path resolve(Path root, String unsafe, boolean followLast, java.util.Set<Path> knownDirs) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(unsafe));
        List<String> cur = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String seg = todo.pollFirst();
            if (seg.equals("..")) {
                if (!cur.isEmpty()) cur.removeLast();
                continue;
            }
            boolean last = todo.isEmpty();
            Path p = join(root, cur).resolve(checked(seg, unsafe));
            if ((!last || followLast) && !knownDirs.contains(p) && isSymlink(p)) {
                if (++links > MAX_SYMLINKS) throw new IOException("too many levels of symbolic links resolving " + unsafe);
                String target = Files.readSymbolicLink(p).toString();
                if (target.startsWith("/")) cur.clear();
                List<String> t = components(target);
                for (int i = t.size() - 1; i >= 0; i--) todo.addFirst(t.get(i));
                continue;
            }
            cur.add(seg);
        }
        return join(root, cur);
    }

    /** The path's components without empty and "." ones. */
    static List<String> components(String p) {
        List<String> out = new ArrayList<>();
        for (String s : p.split("/")) if (!s.isEmpty() && !s.equals(".")) out.add(s);
        return out;
    }

    private static Path join(Path root, List<String> segs) {
        Path p = root;
        for (String s : segs) p = p.resolve(s);
        return p;
    }

    private static String checked(String seg, String whole) throws IOException {
        try {
            Path.of(seg);
            return seg;
        } catch (InvalidPathException e) {
            throw new IOException("invalid path " + whole.replace('\0', '?') + ": " + e.getReason());
        }
    }

    private static boolean isSymlink(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
        } catch (NoSuchFileException e) {
            return false;
        } catch (java.nio.file.FileSystemException e) {
            // ENOTDIR and friends: the component cannot be a symlink; creating below it will fail later
            if (e.getReason() != null && e.getReason().contains("Not a directory")) return false;
            throw e;
        }
    }
}
