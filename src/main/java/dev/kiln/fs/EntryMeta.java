package dev.kiln.fs;

/**
 * Metadata of one layer entry: permission bits (incl. setuid/setgid/sticky), numeric owner and
 * modification time in epoch seconds.
 */
public record EntryMeta(int mode, int uid, int gid, long mtimeSeconds) {
    public EntryMeta {
        if ((mode & ~07777) != 0) throw new IllegalArgumentException("mode has non-permission bits: " + Integer.toOctalString(mode));
        if (uid < 0 || gid < 0) throw new IllegalArgumentException("negative owner " + uid + ":" + gid);
    }

    public EntryMeta withOwner(int u, int g) {
        return new EntryMeta(mode, u, g, mtimeSeconds);
    }

    public EntryMeta withMode(int m) {
        return new EntryMeta(m, uid, gid, mtimeSeconds);
    }

    public EntryMeta withMtime(long s) {
        return new EntryMeta(mode, uid, gid, s);
    }
}
