package dev.kiln.fs.snapshot;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A comparable description of a tree: path → type, mode, owner, and contents digest or link target. */
final class TreeView {
    private TreeView() {}

    static Map<String, String> of(Path root, Set<String> skip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) continue;
                String abs = "/" + root.relativize(p).toString();
                if (skip.stream().anyMatch(k -> abs.equals(k) || abs.startsWith(k + "/"))) continue;
                StatEntry e = Stat.of(p);
                String what = switch (e.kind()) {
                    case FILE -> "file " + Digest.sha256(Files.readAllBytes(p)).hex().substring(0, 12)
                            + " mtime=" + e.meta().mtimeSeconds();
                    case SYMLINK -> "symlink -> " + e.linkTarget();
                    default -> e.kind().name().toLowerCase(java.util.Locale.ROOT);
                };
                out.put(abs, what + " mode=" + Integer.toOctalString(e.mode()) + " owner=" + e.uid() + ":" + e.gid());
            }
        }
        return out;
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
