package dev.kiln.fs.snapshot;

/**
 * Which xattr namespace an overlay mount keeps its own attributes (opaque, origin, impure) in: {@code trusted.}
 * by default, {@code user.} when mounted with {@code userxattr} (readable without native calls).
 */
public enum OverlayXattrs {
    TRUSTED("trusted.overlay."),
    USER("user.overlay.");

    private final String prefix;

    OverlayXattrs(String prefix) {
        this.prefix = prefix;
    }

    /** e.g. {@code trusted.overlay.} */
    public String prefix() {
        return prefix;
    }

    /** The xattr marking an opaque directory (value {@code y}). */
    public String opaque() {
        return prefix + "opaque";
    }

    /** Mount options beyond lowerdir/upperdir/workdir; redirect_dir and metacopy stay off (userxattr implies it). */
    String mountOptions() {
        return this == TRUSTED ? "redirect_dir=off,metacopy=off,index=off" : "userxattr";
    }
}
