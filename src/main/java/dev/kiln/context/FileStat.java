package dev.kiln.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * lstat(2) of one path, read through the {@code unix:*} attribute view without following symlinks.
 * {@code mode} is the full {@code st_mode} (type and permission bits); {@code device}+{@code inode}
 * identify hard links when {@code nlink > 1}.
 */
public record FileStat(int mode, int uid, int gid, long size, FileTime mtime, FileTime ctime,
                       long device, long inode, int nlink, long rdev) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;

    public FileStat {
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
    }

    /** Only what the record holds: {@code "unix:*"} would also resolve owner and group names (a passwd lookup per file). */
    private static final String ATTRS = "unix:mode,uid,gid,size,lastModifiedTime,ctime,dev,ino,nlink,rdev";

    /** Reads the attributes of {@code path} itself (a symlink is not followed). */
    public static FileStat lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS);
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"), (Long) a.get("rdev"));
    }

    /** Permission bits including setuid/setgid/sticky ({@code mode & 07777}). */
    public int permissions() {
        return mode & 07777;
    }

    public ContextEntry.Type type() {
        return switch (mode & S_IFMT) {
            case S_IFREG -> ContextEntry.Type.FILE;
            case S_IFDIR -> ContextEntry.Type.DIR;
            case S_IFLNK -> ContextEntry.Type.SYMLINK;
            default -> ContextEntry.Type.OTHER;
        };
    }
}
