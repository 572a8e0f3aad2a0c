package dev.kiln.cli;

import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.nativeio.Native;
import dev.kiln.fs.nativeio.Tty;
import dev.kiln.image.Json;

/**
 * Class initialisers every build runs, started on a daemon thread while the main thread builds picocli's model of
 * {@code kiln build} and parses the flags: Jackson's mapper (its date format loads the locale data), the first tar
 * header (commons-io's {@code BigDecimal} constants), the FFM linker (isatty, geteuid) and the TLS classes (the JCE's
 * start opens every jar on the class path: ~80 ms of CPU, async-profiler, before the push permission check). Measured in a
 * {@code FROM scratch} + COPY build (JFR, 1 ms samples): ~80, ~30 and ~30 ms of the main thread before the JIT.
 * Class initialisation is done once and is thread-safe, so the main thread finds them done or waits for the one
 * under way; nothing here has an effect besides loading classes. A failure is left to the real use to report.
 */
final class Preload implements Runnable {
    private Preload() {}

    /** Starts the daemon thread (a class, not a lambda: nothing for the JVM to spin at start). */
    static void start() {
        Thread t = new Thread(new Preload(), "kiln-preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            dev.kiln.fs.nativeio.NativeDigests.install();
            Json.mapper();
            LayerWriter.initialiseTar();
            Tty.isatty(2);
            Native.geteuid();
            // every registry client needs a TLS context, also for plain HTTP (java.net.http makes one): its first
            // creation loads the JCE, whose static URLs look for URL handler providers in every jar on the class path
            javax.net.ssl.SSLContext.getInstance("TLS");
        } catch (RuntimeException | Error | java.security.GeneralSecurityException ignored) {
            // the build meets the same failure where it uses the part, and reports it there
        }
    }
}
