package dev.kiln.fs.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles into libc (FFM, no JNI). Every handle that can fail captures errno; its first
 * argument is the capture segment ({@link #newCapture}). Static final handles only: no mutable state. Each handle
 * lives in its own holder class, so its downcall stub is generated when first called, not when Libc loads (making
 * all of them cost ~0.25 s of CPU at start, and most builds need two or three).
 */
final class Libc {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // int lchown(const char *path, uid_t, gid_t)
    static final class Lchown {
        static final MethodHandle H = errnoCall("lchown", FunctionDescriptor.of(INT, PTR, INT, INT));
    }
    // int mknod(const char *path, mode_t, dev_t)
    static final class Mknod {
        static final MethodHandle H = errnoCall("mknod", FunctionDescriptor.of(INT, PTR, INT, LONG));
    }
    // int lsetxattr(const char *path, const char *name, const void *value, size_t, int flags)
    static final class Lsetxattr {
        static final MethodHandle H = errnoCall("lsetxattr", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, INT));
    }
    // ssize_t lgetxattr(const char *path, const char *name, void *value, size_t)
    static final class Lgetxattr {
        static final MethodHandle H = errnoCall("lgetxattr", FunctionDescriptor.of(LONG, PTR, PTR, PTR, LONG));
    }
    // ssize_t llistxattr(const char *path, char *list, size_t)
    static final class Llistxattr {
        static final MethodHandle H = errnoCall("llistxattr", FunctionDescriptor.of(LONG, PTR, PTR, LONG));
    }
    // int lremovexattr(const char *path, const char *name)
    static final class Lremovexattr {
        static final MethodHandle H = errnoCall("lremovexattr", FunctionDescriptor.of(INT, PTR, PTR));
    }
    // int symlink(const char *target, const char *linkpath)
    static final class Symlink {
        static final MethodHandle H = errnoCall("symlink", FunctionDescriptor.of(INT, PTR, PTR));
    }
    // int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
    static final class Utimensat {
        static final MethodHandle H = errnoCall("utimensat", FunctionDescriptor.of(INT, INT, PTR, PTR, INT));
    }
    // int fchmodat(int dirfd, const char *path, mode_t, int flags)
    static final class Fchmodat {
        static final MethodHandle H = errnoCall("fchmodat", FunctionDescriptor.of(INT, INT, PTR, INT, INT));
    }
    // long syscall(long number, ...) for fchmodat2(int dirfd, const char *path, mode_t, int flags) (Linux 6.6): glibc
    // before 2.39 does not call it, and its fchmodat with AT_SYMLINK_NOFOLLOW opens the path O_PATH, fstats it and
    // chmods /proc/self/fd/N (four system calls for one here). 452 on x86-64 and in the generic table (arm64) alike.
    static final class Fchmodat2 {
        static final long NR = 452;
        static final MethodHandle H = LINKER.downcallHandle(symbol("syscall"),
                FunctionDescriptor.of(LONG, LONG, INT, PTR, INT, INT), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
        /** Whether the kernel (and a seccomp filter) lets it through: invalid flags answer EINVAL before anything else. */
        static final boolean WORKS = probe();

        private static boolean probe() {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment cap = newCapture(a);
                long r = (long) H.invokeExact(cap, NR, AT_FDCWD, a.allocateFrom("/"), 0, -1);
                return r == -1 && errno(cap) == Errno.EINVAL;
            } catch (Throwable t) {
                return false;
            }
        }
    }
    // char *strerror(int): glibc returns a static string for known errnos (thread-safe since 2.32)
    static final class Strerror {
        static final MethodHandle H = LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(PTR, INT));
    }

    // int open(const char *path, int flags, ...), int ioctl(int fd, unsigned long request, ...), int close(int)
    static final class Open {
        static final MethodHandle H = LINKER.downcallHandle(symbol("open"), FunctionDescriptor.of(INT, PTR, INT, INT),
                Linker.Option.firstVariadicArg(2));
    }
    static final class Ioctl {
        static final MethodHandle H = LINKER.downcallHandle(symbol("ioctl"), FunctionDescriptor.of(INT, INT, LONG, PTR),
                Linker.Option.firstVariadicArg(2));
    }
    static final class Close {
        static final MethodHandle H = LINKER.downcallHandle(symbol("close"), FunctionDescriptor.of(INT, INT));
    }

    // uid_t geteuid(void), gid_t getegid(void): always succeed
    static final class Geteuid {
        static final MethodHandle H = LINKER.downcallHandle(symbol("geteuid"), FunctionDescriptor.of(INT));
    }
    static final class Getegid {
        static final MethodHandle H = LINKER.downcallHandle(symbol("getegid"), FunctionDescriptor.of(INT));
    }

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private Libc() {}

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(symbol(name), fd, CAPTURE_ERRNO);
    }

    static MemorySegment newCapture(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.H.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "errno " + errno : s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static ErrnoException error(String call, String path, MemorySegment capture) {
        int e = errno(capture);
        return new ErrnoException(call, path, e, strerror(e));
    }
}
