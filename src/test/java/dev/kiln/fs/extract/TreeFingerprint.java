package dev.kiln.fs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an unpacked rootfs looks like, path by path: type and mode bits, owner, link target,
 * device number, content digest, xattrs, mtime, and which paths share an inode.
 */
final class TreeFingerprint {
    private TreeFingerprint() {}

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, List<String>> inodes = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (!d.equals(root)) out.put("/" + root.relativize(d), describe(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                String rel = "/" + root.relativize(f);
                out.put(rel, describe(f));
                inodes.computeIfAbsent(a.fileKey(), k -> new ArrayList<>()).add(rel);
                return FileVisitResult.CONTINUE;
            }
        });
        for (List<String> group : inodes.values()) {
            if (group.size() < 2) continue;
            List<String> sorted = group.stream().sorted().toList();
            for (String p : group) out.put(p, out.get(p) + " links=" + sorted);
        }
        return out;
    }

    private static String describe(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        StringBuilder sb = new StringBuilder();
        sb.append("mode=").append(Integer.toOctalString((Integer) a.get("mode")))
                .append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
        sb.append(" mtime=").append(a.get("lastModifiedTime"));
        List<String> xattrs = new ArrayList<>(dev.kiln.fs.nativeio.Xattrs.list(p));
        xattrs.sort(null);
        for (String x : xattrs) {
            sb.append(" xattr:").append(x).append('=')
                    .append(HexFormat.of().formatHex(dev.kiln.fs.nativeio.Xattrs.get(p, x).orElseThrow()));
        }
        if (Files.isSymbolicLink(p)) {
            sb.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            sb.append(" size=").append(a.get("size")).append(" sha256=").append(sha256(p));
        } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            sb.append(" rdev=").append(a.get("rdev"));
        }
        return sb.toString();
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
