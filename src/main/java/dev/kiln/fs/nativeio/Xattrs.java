package dev.kiln.fs.nativeio;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of a path itself, never of a symlink's target (lsetxattr, lgetxattr,
 * llistxattr, lremovexattr). Names are full ({@code security.capability}, {@code user.x}).
 */
public final class Xattrs {
    private static final int MAX_TRIES = 5;

    private Xattrs() {}

    /** Creates or replaces an attribute. */
    public static void set(Path path, String name, byte[] value) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Lsetxattr.H.invokeExact(cap, Native.cstr(a, path), a.allocateFrom(name), v,
                    (long) value.length, 0);
            if (r != 0) throw Libc.error("lsetxattr " + name, path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The attribute's value, or empty when the path has no such attribute. */
    public static Optional<byte[]> get(Path path, String name) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Native.cstr(a, path);
            MemorySegment n = a.allocateFrom(name);
            MemorySegment cap = Libc.newCapture(a);
            for (int i = 0; i < MAX_TRIES; i++) {
                long size = (long) Libc.Lgetxattr.H.invokeExact(cap, p, n, MemorySegment.NULL, 0L);
                if (size < 0) {
                    if (Libc.errno(cap) == Errno.ENODATA) return Optional.empty();
                    throw Libc.error("lgetxattr " + name, path.toString(), cap);
                }
                MemorySegment buf = a.allocate(Math.max(1, size));
                long got = (long) Libc.Lgetxattr.H.invokeExact(cap, p, n, buf, size);
                if (got >= 0) return Optional.of(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE));
                if (Libc.errno(cap) == Errno.ENODATA) return Optional.empty();
                if (Libc.errno(cap) != Errno.ERANGE) throw Libc.error("lgetxattr " + name, path.toString(), cap);
            }
            throw new IOException("lgetxattr " + name + " " + path + ": value kept changing size");
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The names of all attributes of the path (those this process may see), in kernel order. */
    public static List<String> list(Path path) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Native.cstr(a, path);
            MemorySegment cap = Libc.newCapture(a);
            for (int i = 0; i < MAX_TRIES; i++) {
                long size = (long) Libc.Llistxattr.H.invokeExact(cap, p, MemorySegment.NULL, 0L);
                if (size < 0) throw Libc.error("llistxattr", path.toString(), cap);
                if (size == 0) return List.of();
                MemorySegment buf = a.allocate(size);
                long got = (long) Libc.Llistxattr.H.invokeExact(cap, p, buf, size);
                if (got >= 0) return split(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE));
                if (Libc.errno(cap) != Errno.ERANGE) throw Libc.error("llistxattr", path.toString(), cap);
            }
            throw new IOException("llistxattr " + path + ": list kept changing size");
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Removes an attribute; absent attributes are not an error. */
    public static void remove(Path path, String name) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = Libc.newCapture(a);
            int r = (int) Libc.Lremovexattr.H.invokeExact(cap, Native.cstr(a, path), a.allocateFrom(name));
            if (r != 0 && Libc.errno(cap) != Errno.ENODATA) throw Libc.error("lremovexattr " + name, path.toString(), cap);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static List<String> split(byte[] names) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                if (i > start) out.add(new String(names, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }
}
