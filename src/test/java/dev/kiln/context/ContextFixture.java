package dev.kiln.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small context trees in a temp dir. */
final class ContextFixture {
    private ContextFixture() {}

    static Path file(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    static Path dir(Path root, String rel) throws IOException {
        return Files.createDirectories(root.resolve(rel));
    }

    static Path link(Path root, String rel, String target) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.createSymbolicLink(p, Path.of(target));
    }

    static List<String> paths(List<ContextEntry> entries) {
        return entries.stream().map(ContextEntry::path).toList();
    }

    /** "dir a", "file a/b", "link c -> t" lines for a walk. */
    static List<String> walk(BuildContext ctx, String dir) throws IOException {
        List<String> out = new ArrayList<>();
        ctx.walk(dir, e -> out.add(switch (e.type()) {
            case DIR -> "dir " + e.path();
            case FILE -> "file " + e.path();
            case SYMLINK -> "link " + e.path() + " -> " + e.linkTarget();
            case OTHER -> "other " + e.path();
        }));
        return out;
    }
}
