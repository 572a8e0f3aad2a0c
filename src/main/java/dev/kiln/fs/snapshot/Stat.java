package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lstat} through {@code Files.readAttributes(p, "unix:…", NOFOLLOW_LINKS)}. Only the attributes we
 * need are named: {@code "unix:*"} would also resolve the owner and group names (a passwd lookup per file).
 */
final class Stat {
    private static final String ATTRS = "unix:mode,ino,dev,rdev,nlink,uid,gid,ctime,size,lastModifiedTime";

    private Stat() {}

    static StatEntry of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
        int stMode = (Integer) a.get("mode");
        FileKind kind = FileKind.ofMode(stMode);
        String target = kind == FileKind.SYMLINK ? Files.readSymbolicLink(p).toString() : null;
        boolean dev = kind == FileKind.CHAR || kind == FileKind.BLOCK;
        return new StatEntry(kind, kind == FileKind.FILE ? (Long) a.get("size") : 0L,
                nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), stMode & 07777,
                (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("ino"), (Long) a.get("dev"),
                (Integer) a.get("nlink"), target, dev ? (Long) a.get("rdev") : 0L, null);
    }

    private static long nanos(Object fileTime) {
        return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
    }
}
