package dev.kiln.attest.provenance;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build context as materials: a digest of its tree (every regular file's path, executable bit and content, every
 * symlink's path and target, in path order; {@code .git} left out) and, when the context is a git checkout, its commit.
 */
public final class ContextMaterials {
    private ContextMaterials() {}

    public static List<Material> of(String given, Path root) throws IOException {
        List<Material> out = new ArrayList<>();
        out.add(Material.of(uri(given, root), treeDigest(root)));
        String commit = gitCommit(root);
        if (commit != null) out.add(new Material(given.startsWith("git") ? given : "git+" + uri(given, root), "gitCommit", commit));
        return out;
    }

    private static String uri(String given, Path root) {
        return given.contains("://") ? given : "file://" + root.toAbsolutePath().normalize();
    }

    static Digest treeDigest(Path root) throws IOException {
        MessageDigest all = Digest.newSha256();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(p -> !p.equals(root)).filter(p -> !root.relativize(p).startsWith(".git")).sorted().toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                all.update(("L " + rel + "\0" + Files.readSymbolicLink(p) + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                MessageDigest one = Digest.newSha256();
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[64 << 10];
                    for (int n; (n = in.read(buf)) > 0; ) one.update(buf, 0, n);
                }
                String x = Files.isExecutable(p) ? "x" : "-";
                all.update(("F " + rel + "\0" + x + " " + Digest.ofSha256(one).hex() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return Digest.ofSha256(all);
    }

    /** HEAD's commit of a {@code .git} directory at the root (loose ref or packed-refs), or null. */
    static String gitCommit(Path root) throws IOException {
        Path git = root.resolve(".git");
        Path head = git.resolve("HEAD");
        if (!Files.isRegularFile(head)) return null;
        String h = Files.readString(head, StandardCharsets.UTF_8).strip();
        if (!h.startsWith("ref: ")) return h.matches("[0-9a-f]{40,64}") ? h : null;
        String ref = h.substring(5).strip();
        Path loose = git.resolve(ref);
        if (Files.isRegularFile(loose)) return Files.readString(loose, StandardCharsets.UTF_8).strip();
        Path packed = git.resolve("packed-refs");
        if (!Files.isRegularFile(packed)) return null;
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
            if (line.endsWith(" " + ref)) return line.substring(0, line.indexOf(' '));
        }
        return null;
    }
}
