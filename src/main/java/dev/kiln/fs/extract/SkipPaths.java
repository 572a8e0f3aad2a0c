package dev.kiln.fs.extract;

import dev.kiln.fs.LayerPaths;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Absolute paths inside a rootfs that extraction (and an in-place wipe) must leave alone, with what follows from
 * them: a path is <em>covered</em> when it is one of them or below one, and <em>holds</em> one when it is a strict
 * ancestor of one (such a directory may be updated, never removed or replaced). Empty by default.
 */
public record SkipPaths(Set<String> paths, Set<String> ancestors) {
    public static final SkipPaths NONE = of(Set.of());

    public SkipPaths {
        paths = Set.copyOf(paths);
        ancestors = Set.copyOf(ancestors);
    }

    /** @param absPaths absolute paths inside the rootfs; cleaned lexically ("/" itself is not allowed) */
    public static SkipPaths of(Set<String> absPaths) {
        Set<String> ps = new HashSet<>();
        Set<String> anc = new HashSet<>();
        for (String p : absPaths) {
            String c = LayerPaths.clean(p);
            if (c.equals("/")) throw new IllegalArgumentException("cannot skip the whole rootfs");
            ps.add(c);
            for (String q = LayerPaths.parent(c); !q.equals("/"); q = LayerPaths.parent(q)) anc.add(q);
        }
        return new SkipPaths(ps, anc);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The path is skipped: listed, or below a listed path. */
    public boolean covers(String abs) {
        for (String q = abs; !q.equals("/"); q = LayerPaths.parent(q)) if (paths.contains(q)) return true;
        return false;
    }

    /** The path is a strict ancestor of a skipped path (and not skipped itself). */
    public boolean holds(String abs) {
        return ancestors.contains(abs) && !covers(abs);
    }

    /** Either covered or holding: must not be removed. */
    public boolean keeps(String abs) {
        return covers(abs) || ancestors.contains(abs);
    }

    /** {@code p} (below {@code root}, both real paths) as an absolute path inside the rootfs. */
    public static String abs(Path root, Path p) {
        if (p.equals(root)) return "/";
        return "/" + root.relativize(p).toString();
    }
}
