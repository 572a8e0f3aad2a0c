package dev.kiln.fs.extract;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.nativeio.Errno;
import dev.kiln.fs.nativeio.ErrnoException;
import dev.kiln.fs.nativeio.Native;
import dev.kiln.fs.nativeio.Xattrs;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Applies an entry's owner, mode, xattrs and times to a created path, in the order that keeps
 * them all: chown (which clears setuid bits and file capabilities), chmod, xattrs, then times.
 */
final class Metadata {
    private final EventSink events;
    private final String label;
    private final VirtualOwnership virtual;
    private final Function<Path, String> absPath;

    Metadata(EventSink events, String label) {
        this(events, label, null, null);
    }

    /** @param virtual null: owners are applied on disk (root); else recorded there when they cannot be */
    Metadata(EventSink events, String label, VirtualOwnership virtual, Function<Path, String> absPath) {
        this.events = events;
        this.label = label;
        this.virtual = virtual;
        this.absPath = absPath;
    }

    void apply(Path p, TarArchiveEntry e, Map<String, byte[]> xattrs, boolean withTimes) throws IOException {
        if (virtual != null) {
            record(p, e, xattrs);
            if (withTimes) times(p, e);
            return;
        }
        Native.lchown(p, (int) e.getLongUserId(), (int) e.getLongGroupId());
        if (!e.isSymbolicLink()) Native.lchmod(p, e.getMode() & 07777);
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            try {
                Xattrs.set(p, x.getKey(), x.getValue());
            } catch (ErrnoException ex) {
                // as containerd: a filesystem without xattrs, or user.* on a symlink, is not fatal
                if (ex.errno() != Errno.EOPNOTSUPP && ex.errno() != Errno.EPERM) throw ex;
                events.emit(Event.warn("extract", label + ": xattr " + x.getKey() + " not set on " + e.getName() + ": " + ex.getMessage()));
            }
        }
        if (withTimes) times(p, e);
    }

    /**
     * Not root: no chown; the mode on disk keeps the owner's read/write (and search on directories) so that kiln can
     * read, fill and delete what it extracted; xattrs only root may set are kept back. What disk does not say is
     * recorded in the virtual-ownership map.
     */
    private void record(Path p, TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
        int mode = e.getMode() & 07777;
        int onDisk = mode;
        if (!e.isSymbolicLink()) {
            onDisk = mode | (e.isDirectory() ? 0700 : 0600);
            Native.lchmod(p, onDisk);
        }
        Map<String, byte[]> kept = new TreeMap<>();
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            try {
                Xattrs.set(p, x.getKey(), x.getValue());
            } catch (ErrnoException ex) {
                boolean rootOnly = x.getKey().startsWith("trusted.") || x.getKey().startsWith("security.");
                if (ex.errno() == Errno.EPERM && rootOnly) {
                    kept.put(x.getKey(), x.getValue());
                    continue;
                }
                if (ex.errno() != Errno.EOPNOTSUPP && ex.errno() != Errno.EPERM) throw ex;
                events.emit(Event.warn("extract", label + ": xattr " + x.getKey() + " not set on " + e.getName() + ": " + ex.getMessage()));
            }
        }
        VirtualOwnership.Device device = null;
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            device = new VirtualOwnership.Device(e.getLinkFlag(), e.getDevMajor(), e.getDevMinor());
        }
        virtual.put(absPath.apply(p), new VirtualOwnership.Recorded((int) e.getLongUserId(), (int) e.getLongGroupId(),
                mode, device, kept), onDisk);
    }

    /** mtime from the entry; atime the later of the entry's atime and mtime (containerd's choice). */
    void times(Path p, TarArchiveEntry e) throws IOException {
        Instant m = instant(e.getLastModifiedTime());
        if (m == null) m = Instant.EPOCH;
        Instant a = instant(e.getLastAccessTime());
        if (a == null || a.isBefore(m)) a = m;
        Native.lsetTimes(p, a, m);
    }

    private static Instant instant(FileTime t) {
        return t == null ? null : t.toInstant();
    }
}
