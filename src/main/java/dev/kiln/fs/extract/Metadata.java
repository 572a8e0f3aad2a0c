package dev.kiln.fs.extract;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
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

/**
 * Applies an entry's owner, mode, xattrs and times to a created path, in the order that keeps
 * them all: chown (which clears setuid bits and file capabilities), chmod, xattrs, then times.
 */
final class Metadata {
    private final EventSink events;
    private final String label;

    Metadata(EventSink events, String label) {
        this.events = events;
        this.label = label;
    }

    void apply(Path p, TarArchiveEntry e, Map<String, byte[]> xattrs, boolean withTimes) throws IOException {
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
