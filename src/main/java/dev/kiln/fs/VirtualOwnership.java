package dev.kiln.fs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The virtual-ownership map of one rootfs directory when kiln is not root: for each path (absolute inside the
 * rootfs, e.g. {@code /etc/shadow}) whose owner, mode, type or xattrs on disk differ from what the layers say, the
 * values the layers say ({@link Recorded}). Whatever reads the rootfs back into a layer (COPY --from, snapshots)
 * takes a recorded value over what {@code lstat} says, so the layer is the one a root build writes. A path without
 * a record is on disk exactly as intended (kiln's own uid and gid, the mode on disk). Owned by the stage
 * filesystem it describes; thread-safe (a COPY layer is applied on a helper thread).
 */
public final class VirtualOwnership {
    /** A device node kiln could not create (a placeholder file stands on disk): its tar type and numbers. */
    public record Device(byte tarType, int major, int minor) {}

    /**
     * What a path carries in a layer: owner, permission bits (incl. setuid/setgid/sticky), the device it is
     * (null: the type on disk is right) and the xattrs kiln could not set (full names, e.g. {@code security.capability}).
     */
    public record Recorded(int uid, int gid, int mode, Device device, Map<String, byte[]> xattrs) {
        public Recorded {
            if ((mode & ~07777) != 0) throw new IllegalArgumentException("mode has non-permission bits: " + Integer.toOctalString(mode));
            xattrs = xattrs == null ? Map.of() : Map.copyOf(xattrs);
        }

        public Recorded(int uid, int gid, int mode) {
            this(uid, gid, mode, null, Map.of());
        }
    }

    private final ProcessOwner self;
    private final TreeMap<String, Recorded> byPath = new TreeMap<>();

    public VirtualOwnership(ProcessOwner self) {
        this.self = self;
    }

    /** The process whose files stand on disk: a path without a record is owned by it. */
    public ProcessOwner self() {
        return self;
    }

    /**
     * Records what {@code absPath} should carry, or forgets it when disk already says so ({@code onDiskMode} is the
     * mode kiln set on disk; symlinks pass their intended mode).
     */
    public synchronized void put(String absPath, Recorded r, int onDiskMode) {
        String p = LayerPaths.clean(absPath);
        boolean needed = r.uid() != self.uid() || r.gid() != self.gid() || r.mode() != onDiskMode
                || r.device() != null || !r.xattrs().isEmpty();
        if (needed) byPath.put(p, r); else byPath.remove(p);
    }

    public synchronized Optional<Recorded> get(String absPath) {
        return Optional.ofNullable(byPath.get(LayerPaths.clean(absPath)));
    }

    /** Forgets the path and everything below it (removed from disk). */
    public synchronized void forgetTree(String absPath) {
        String p = LayerPaths.clean(absPath);
        byPath.remove(p);
        byPath.subMap(below(p), true, below(p) + Character.MAX_VALUE, true).clear();
    }

    /** A new hard link {@code newPath} to {@code existing}: both names share one inode, so one record. */
    public synchronized void link(String existing, String newPath) {
        Recorded r = byPath.get(LayerPaths.clean(existing));
        if (r == null) byPath.remove(LayerPaths.clean(newPath)); else byPath.put(LayerPaths.clean(newPath), r);
    }

    /** Forgets the records below {@code dirAbs} (and itself) of paths that no longer exist (after a whiteout). */
    public synchronized void prune(String dirAbs, Predicate<String> exists) {
        String d = LayerPaths.clean(dirAbs);
        var sub = d.equals("/") ? byPath : byPath.subMap(d, true, below(d) + Character.MAX_VALUE, true);
        sub.keySet().removeIf(p -> (p.equals(d) || p.startsWith(below(d))) && !exists.test(p));
    }

    /** The entry metadata a layer gets for {@code absPath}: the recorded owner and mode over the ones on disk. */
    public EntryMeta meta(String absPath, EntryMeta onDisk) {
        return get(absPath).map(r -> new EntryMeta(r.mode(), r.uid(), r.gid(), onDisk.mtimeSeconds())).orElse(onDisk);
    }

    public synchronized int size() {
        return byPath.size();
    }

    /** A copy of the records, in path order (for tests and debug output). */
    public synchronized Map<String, Recorded> records() {
        return new LinkedHashMap<>(byPath);
    }

    private static String below(String dir) {
        return dir.equals("/") ? "/" : dir + "/";
    }
}
