package dev.kiln.run;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The JDK's process-launch helper, {@code <java.home>/lib/jspawnhelper}: with the default launch mechanism
 * (POSIX_SPAWN) every process kiln starts is spawned through it, so it must still run once an in-place build has made
 * / the image. It is a dynamically linked ELF file, so it runs only while its program interpreter (the dynamic loader
 * named in its PT_INTERP header) exists: the host's {@code /lib64/ld-linux-x86-64.so.2} is gone once / is the image,
 * while kiln's executor image points its helper at {@code /kiln/glibc/ld.so}, which in-place builds keep.
 */
public final class SpawnHelper {
    private static final int PT_INTERP = 3;
    private static final int MAX_INTERP = 4096;

    private SpawnHelper() {
    }

    /** The helper of the JDK at {@code javaHome}. */
    public static Path of(String javaHome) {
        return Path.of(javaHome, "lib", "jspawnhelper");
    }

    /** Whether the helper can run here: an executable file whose loader, if it names one, exists. */
    public static boolean runs(Path helper) {
        return executable(helper) && interpreter(helper).map(Files::isRegularFile).orElse(true);
    }

    /**
     * Whether the helper still runs when only {@code kept} (absolute paths: the in-place ignore list, which holds
     * java.home) is left of the host: it runs now and its loader, if it names one, lies under one of them.
     */
    public static boolean survivesInPlace(Path helper, Collection<String> kept) {
        if (!executable(helper)) return false;
        Optional<Path> interp = interpreter(helper);
        if (interp.isEmpty()) return true; // statically linked
        if (!Files.isRegularFile(interp.get())) return false;
        Path p = interp.get().normalize();
        for (String k : kept) {
            if (p.startsWith(Path.of(k))) return true;
        }
        return false;
    }

    private static boolean executable(Path helper) {
        return Files.isRegularFile(helper) && Files.isExecutable(helper);
    }

    /** The program interpreter (PT_INTERP) of a 64-bit ELF file; empty when it has none, or is not one, or is unreadable. */
    public static Optional<Path> interpreter(Path elf) {
        try (FileChannel ch = FileChannel.open(elf)) {
            ByteBuffer h = read(ch, 0, 64);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2) return Optional.empty(); // \177ELF, ELFCLASS64
            h.order(h.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long phoff = h.getLong(0x20);
            int phentsize = Short.toUnsignedInt(h.getShort(0x36));
            int phnum = Short.toUnsignedInt(h.getShort(0x38));
            if (phentsize < 56) return Optional.empty();
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = read(ch, phoff + (long) i * phentsize, 56).order(h.order());
                if (ph.getInt(0) != PT_INTERP) continue;
                long offset = ph.getLong(8);
                long size = ph.getLong(32);
                if (size <= 1 || size > MAX_INTERP) return Optional.empty();
                byte[] name = new byte[(int) size - 1]; // NUL-terminated
                read(ch, offset, (int) size).get(name);
                return Optional.of(Path.of(new String(name, StandardCharsets.UTF_8)));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) throw new EOFException();
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
