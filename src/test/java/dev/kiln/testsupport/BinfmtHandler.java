package dev.kiln.testsupport;

import dev.kiln.run.Emulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A binfmt_misc handler of this machine ({@code /proc/sys/fs/binfmt_misc/qemu-<cpu>}, registered by
 * testbed/binfmt.sh), switched off for the length of a test so kiln sees "no QEMU" (needs root; the suite runs one
 * test class at a time). {@link #close} switches it back on; bin/test re-enables it on every run anyway.
 */
public final class BinfmtHandler implements AutoCloseable {
    private final Path handler;
    private final boolean wasEnabled;

    private BinfmtHandler(Path handler, boolean wasEnabled) {
        this.handler = handler;
        this.wasEnabled = wasEnabled;
    }

    /** Disables {@code qemu-<cpu>} if it is registered and enabled; a missing handler is already "no emulation". */
    public static BinfmtHandler disabled(String cpu) {
        Path h = Emulation.BINFMT_MISC.resolve("qemu-" + cpu);
        try {
            boolean enabled = Files.isRegularFile(h) && Files.readAllLines(h).getFirst().trim().equals("enabled");
            if (enabled) Files.writeString(h, "0");
            return new BinfmtHandler(h, enabled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch off " + h, e);
        }
    }

    @Override
    public void close() {
        if (!wasEnabled) return;
        try {
            Files.writeString(handler, "1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch " + handler + " back on", e);
        }
    }
}
