package dev.kiln.fs;

import dev.kiln.fs.nativeio.Native;

/**
 * Who kiln runs as (effective uid and gid), read once per build. Root applies owners, device nodes and trusted
 * xattrs on disk; anyone else records them beside the rootfs ({@link VirtualOwnership}) and writes them into layers.
 */
public record ProcessOwner(int uid, int gid) {
    public static final ProcessOwner ROOT = new ProcessOwner(0, 0);

    /** The calling process's effective ids (geteuid/getegid). */
    public static ProcessOwner current() {
        return new ProcessOwner(Native.geteuid(), Native.getegid());
    }

    public boolean root() {
        return uid == 0;
    }

    /** A new, empty map for one rootfs directory; null when this process applies owners itself (root). */
    public VirtualOwnership newMap() {
        return root() ? null : new VirtualOwnership(this);
    }

    /** How owners are kept, for a debug log line. */
    public String describe() {
        return root() ? "running as root: owners, modes, device nodes and xattrs are applied on disk"
                : "running as uid " + uid + " gid " + gid + " (not root): owners, modes, device nodes and xattrs kiln cannot"
                + " set on disk are recorded beside each rootfs (virtual ownership) and written into the layers";
    }
}
