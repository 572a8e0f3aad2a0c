package dev.kiln.fs.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** Whether a file descriptor is a terminal: libc's {@code isatty} through FFM (no JNI, no terminal library). */
public final class Tty {
    private Tty() {}

    // int isatty(int fd)
    private static final class Isatty {
        static final MethodHandle H = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("isatty").orElseThrow(() -> new UnsatisfiedLinkError("libc has no isatty")),
                FunctionDescriptor.of(Libc.INT, Libc.INT));
    }

    // int ioctl(int fd, unsigned long request, ...): here with one pointer, struct winsize
    private static final class Ioctl {
        static final MethodHandle H = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("ioctl").orElseThrow(() -> new UnsatisfiedLinkError("libc has no ioctl")),
                FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.LONG, Libc.PTR), Linker.Option.firstVariadicArg(2));
    }

    private static final long TIOCGWINSZ = 0x5413;

    /** The terminal's width in columns ({@code TIOCGWINSZ}), or 0 when unknown. */
    public static int columns(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(8, 2); // unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel
            if ((int) Ioctl.H.invokeExact(fd, TIOCGWINSZ, ws) != 0) return 0;
            return Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2));
        } catch (Throwable t) {
            return 0;
        }
    }

    /** True when {@code fd} (2 for stderr) is a terminal; false when it is not or the call is unavailable. */
    public static boolean isatty(int fd) {
        try {
            return (int) Isatty.H.invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }
}
