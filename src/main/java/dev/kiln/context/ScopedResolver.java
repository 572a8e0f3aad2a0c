package dev.kiln.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a context-relative path the way BuildKit's copy does with {@code FollowSymlinks}
 * (containerd continuity {@code fs.RootPath}): symlinks are followed with the context root acting as
 * {@code /}, so absolute link targets are taken relative to the root and {@code ..} never climbs above it.
 * Every path visited must be visible through the filter (an ignored entry is as good as absent); an ignored
 * directory may be passed through only when it could hold re-included entries.
 */
final class ScopedResolver {
    private static final int MAX_LINKS = 255;
    private final Path root;
    private final FilteredWalk filter;

    ScopedResolver(Path root, FilteredWalk filter) {
        this.root = root;
        this.filter = filter;
    }

    /** Thrown when the path does not exist in the (filtered) context. */
    static final class NotFound extends Exception {
        NotFound(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Returns the real (symlink-free) path relative to the root, "." for the root itself.
     *
     * @param followFinal whether a symlink in the last component is followed too
     */
    String resolve(String rel, boolean followFinal) throws IOException, NotFound {
        Deque<String> todo = new ArrayDeque<>(List.of(rel.split("/")));
        List<String> cur = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!cur.isEmpty()) cur.removeLast();
                continue;
            }
            cur.add(c);
            String real = String.join("/", cur);
            FileStat stat;
            try {
                stat = FileStat.lstat(root.resolve(real));
            } catch (NoSuchFileException e) {
                throw new NotFound(real + " does not exist");
            }
            boolean last = todo.isEmpty();
            switch (stat.type()) {
                case SYMLINK -> {
                    requireVisible(real, false, false);
                    if (last && !followFinal) break;
                    if (++links > MAX_LINKS) throw new NotFound("too many levels of symbolic links at " + real);
                    String target = Files.readSymbolicLink(root.resolve(real)).toString();
                    cur.removeLast();
                    if (target.startsWith("/")) cur.clear();
                    List<String> parts = List.of(target.split("/"));
                    for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                }
                case DIR -> requireVisible(real, true, last);
                default -> {
                    requireVisible(real, false, false);
                    if (!last) throw new NotFound(real + " is not a directory");
                }
            }
        }
        return cur.isEmpty() ? "." : String.join("/", cur);
    }

    /** Fails unless {@code real} passes the filter (or is a directory that can be passed through). */
    void requireVisible(String real, boolean dir, boolean last) throws IOException, NotFound {
        if (filter.visible(real)) return;
        if (dir && filter.enterable(real) && (!last || hasVisibleDescendant(real))) return;
        throw new NotFound(real + " is excluded by .dockerignore");
    }

    /** Whether a filtered walk of the directory reports anything. */
    boolean hasVisibleDescendant(String realDir) throws IOException {
        return !filter.walk(realDir, realDir, e -> false);
    }
}
