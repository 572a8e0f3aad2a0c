package dev.kiln.fs.snapshot;

import dev.kiln.fs.EntryMeta;

/**
 * What {@code lstat} says about one path (no contents): type, size, mtime and ctime in epoch nanoseconds,
 * permission bits (incl. setuid/setgid/sticky), owner, inode, device, link count, symlink target and the
 * device number of character/block devices. {@code contentHash} is set only when the index was built
 * for {@link SnapshotMode.Compare#STAT_AND_CONTENT} (Kaniko's {@code full}).
 */
public record StatEntry(FileKind kind, long size, long mtimeNanos, long ctimeNanos, int mode, int uid, int gid,
                        long inode, long device, int nlink, String linkTarget, long rdev, String contentHash) {
    public StatEntry {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        if ((mode & ~07777) != 0) throw new IllegalArgumentException("mode has non-permission bits: " + Integer.toOctalString(mode));
        if ((kind == FileKind.SYMLINK) != (linkTarget != null)) throw new IllegalArgumentException("link target only for symlinks");
    }

    /** Layer entry metadata: mode, owner, mtime in whole seconds. */
    public EntryMeta meta() {
        return new EntryMeta(mode, uid, gid, Math.floorDiv(mtimeNanos, 1_000_000_000L));
    }

    /** True for an overlayfs whiteout: a character device with device number 0:0. */
    public boolean isOverlayWhiteout() {
        return kind == FileKind.CHAR && rdev == 0;
    }

    /** True for a regular file with more than one name (a hardlink group member). */
    public boolean isHardlinked() {
        return kind == FileKind.FILE && nlink > 1;
    }

    /** Key identifying the inode across the names of a hardlink group. */
    public String inodeKey() {
        return device + ":" + inode;
    }

    public StatEntry withContentHash(String h) {
        return new StatEntry(kind, size, mtimeNanos, ctimeNanos, mode, uid, gid, inode, device, nlink, linkTarget, rdev, h);
    }
}
