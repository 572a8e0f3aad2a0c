package dev.kiln.fs.nativeio;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Filesystem syscalls Java lacks, through the FFM API into libc. Nothing here follows a symlink in
 * the final path component (l* calls, {@code AT_SYMLINK_NOFOLLOW}); earlier components are resolved
 * by the kernel as usual, so callers confine paths first (see {@code dev.kiln.fs.extract.SecureJoin}).
 * Failures throw {@link ErrnoException} naming the call, the path and {@code strerror(errno)}.
 * Thread-safe: no state besides static final method handles.
 */
public final class Native {
    public static final int S_IFMT = 0170000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;

    private Native() {}

    /** The process's effective user id. */
    public static int geteuid() {
        try {
            return (int) Libc.Geteuid.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The process's effective group id. */
    public static int getegid() {
        try {
            return (int) Libc.Getegid.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Changes the numeric owner of a path; a symlink itself, never its target. */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Lchown.H.invokeExact(cap, cstr(a, path), uid, gid);
            if (r != 0) throw Libc.error("lchown", path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Creates a device node or FIFO. {@code mode} holds the type ({@link #S_IFCHR}, {@link #S_IFBLK},
     * {@link #S_IFIFO}) and permission bits (the process umask applies: chmod afterwards for exact
     * bits); {@code dev} as built by {@link #makedev}, 0 for FIFOs.
     */
    public static void mknod(Path path, int mode, long dev) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Mknod.H.invokeExact(cap, cstr(a, path), mode, dev);
            if (r != 0) throw Libc.error("mknod", path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Creates a symlink whose target is exactly {@code target} (byte for byte, no normalisation). */
    public static void symlink(String target, Path link) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Symlink.H.invokeExact(cap, a.allocateFrom(target), cstr(a, link));
            if (r != 0) throw Libc.error("symlink", link.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** glibc's {@code gnu_dev_makedev}. */
    public static long makedev(long major, long minor) {
        return ((major & 0x00000fffL) << 8) | ((major & 0xfffff000L) << 32)
                | (minor & 0x000000ffL) | ((minor & 0xffffff00L) << 12);
    }

    /** glibc's {@code gnu_dev_major}. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L);
    }

    /** glibc's {@code gnu_dev_minor}. */
    public static long minor(long dev) {
        return (dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L);
    }

    /** {@code st_rdev} of a path, not following a final symlink (0 for non-devices). */
    public static long rdev(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    /**
     * Sets access and modification times of a path itself (a symlink's own times, not its
     * target's); a null {@code atime} leaves the access time unchanged.
     */
    public static void lsetTimes(Path path, Instant atime, Instant mtime) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment times = a.allocate(Libc.LONG, 4);
            final long utimeOmit = (1L << 30) - 2;
            times.setAtIndex(Libc.LONG, 0, atime == null ? 0 : atime.getEpochSecond());
            times.setAtIndex(Libc.LONG, 1, atime == null ? utimeOmit : atime.getNano());
            times.setAtIndex(Libc.LONG, 2, mtime.getEpochSecond());
            times.setAtIndex(Libc.LONG, 3, mtime.getNano());
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Utimensat.H.invokeExact(cap, Libc.AT_FDCWD, cstr(a, path), times,
                    Libc.AT_SYMLINK_NOFOLLOW);
            if (r != 0) throw Libc.error("utimensat", path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Sets all 12 permission bits (setuid, setgid, sticky included) without following a final
     * symlink. Symlinks have no mode on Linux: on a symlink this throws EOPNOTSUPP.
     */
    public static void lchmod(Path path, int mode) throws IOException {
        try {
            if (Libc.Fchmodat2.WORKS) {
                fchmodat2(path, mode & 07777, Libc.AT_SYMLINK_NOFOLLOW);
                return;
            }
            fchmodat(path, mode & 07777, Libc.AT_SYMLINK_NOFOLLOW);
        } catch (ErrnoException e) {
            // glibc without fchmodat2 emulates NOFOLLOW through /proc/self/fd; without /proc it
            // reports EOPNOTSUPP for everything: fall back to plain fchmodat for non-symlinks.
            if (e.errno() != Errno.EOPNOTSUPP || Files.isSymbolicLink(path)) throw e;
            fchmodat(path, mode & 07777, 0);
        }
    }

    private static void fchmodat2(Path path, int mode, int flags) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            long r = (long) Libc.Fchmodat2.H.invokeExact(cap, Libc.Fchmodat2.NR, Libc.AT_FDCWD, cstr(a, path), mode, flags);
            if (r != 0) throw Libc.error("fchmodat2", path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void fchmodat(Path path, int mode, int flags) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Fchmodat.H.invokeExact(cap, Libc.AT_FDCWD, cstr(a, path), mode, flags);
            if (r != 0) throw Libc.error("fchmodat", path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final int O_RDONLY_CLOEXEC = 0x80000; // the same on x86-64 and arm64
    private static final long FS_IOC_GETFLAGS = 0x80086601L;
    private static final long FS_IOC_SETFLAGS = 0x40086602L;
    private static final int FS_TOPDIR_FL = 0x00020000;

    /**
     * Marks a directory as the top of directory hierarchies (FS_TOPDIR_FL, {@code chattr +T}): ext4 places each new
     * directory made in it in a block group of its own choosing (the Orlov allocator, starting from a hash of the
     * name) instead of next to its parent. Best effort: false where the filesystem has no such flag.
     * <p>Why: ext4 without a journal skips the inodes deleted in the last seconds to minutes when it allocates a new
     * one, and looks at each of them again for every new file in that group; a build that extracts thousands of files
     * where the previous build's were just deleted paid ~0.3 ms per file (20,000 files: 5.6 s, else 0.9 s).
     */
    public static boolean spreadSubdirs(Path dir) {
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) Libc.Open.H.invokeExact(cstr(a, dir), O_RDONLY_CLOEXEC, 0);
            if (fd < 0) return false;
            try {
                MemorySegment flags = a.allocate(Libc.INT);
                if ((int) Libc.Ioctl.H.invokeExact(fd, FS_IOC_GETFLAGS, flags) != 0) return false;
                int f = flags.get(Libc.INT, 0);
                if ((f & FS_TOPDIR_FL) != 0) return true;
                flags.set(Libc.INT, 0, f | FS_TOPDIR_FL);
                return (int) Libc.Ioctl.H.invokeExact(fd, FS_IOC_SETFLAGS, flags) == 0;
            } finally {
                int ignored = (int) Libc.Close.H.invokeExact(fd);
            }
        } catch (Throwable t) {
            return false;
        }
    }

    static MemorySegment cstr(Arena a, Path p) {
        return a.allocateFrom(p.toString());
    }
}
