package dev.kiln.fs.extract;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A byte-level fingerprint of everything in a directory except one subtree (the rootfs): paths,
 * types, modes, owners, mtimes, inode link counts, link targets, xattr names and contents.
 */
final class OutsideGuard {
    private OutsideGuard() {}

    static Map<String, String> snapshot(Path dir, Path excluded) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (d.equals(excluded)) return FileVisitResult.SKIP_SUBTREE;
                out.put(dir.relativize(d) + "/", describe(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                out.put(dir.relativize(f).toString(), describe(f));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static String describe(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,nlink,lastModifiedTime,ino,size", LinkOption.NOFOLLOW_LINKS);
        StringBuilder sb = new StringBuilder(new TreeMap<>(a).toString());
        sb.append(" xattrs=").append(dev.kiln.fs.nativeio.Xattrs.list(p));
        if (Files.isSymbolicLink(p)) sb.append(" -> ").append(Files.readSymbolicLink(p));
        else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) sb.append(" sha256=").append(sha256(p));
        return sb.toString();
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
