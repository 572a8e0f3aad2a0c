package dev.kiln.fs;

/** What a path is in a (virtual) filesystem: type, permission bits, owner; link target for symlinks. */
public record FsNode(Type type, int mode, int uid, int gid, String linkTarget) {
    public enum Type { FILE, DIR, SYMLINK, HARDLINK, OTHER }

    public boolean isDir() {
        return type == Type.DIR;
    }

    public static FsNode dir(int mode, int uid, int gid) {
        return new FsNode(Type.DIR, mode, uid, gid, null);
    }
}
