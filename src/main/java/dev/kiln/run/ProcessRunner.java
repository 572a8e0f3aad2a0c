package dev.kiln.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts a sandbox's host command with stdin closed, pumps its stdout/stderr into the RUN's sinks on virtual
 * threads, waits, then lets the sandbox kill what the command left behind before the pumps are joined (a leftover
 * background process holding the pipes open would otherwise keep the run alive).
 */
final class ProcessRunner {
    private static final long PUMP_GRACE_SECONDS = 10;

    private ProcessRunner() {}

    /**
     * @param env       the host command's whole environment
     * @param dir       its working directory (host path)
     * @param afterExit called once the command ended (or was interrupted), to kill leftovers
     */
    static int run(List<String> command, Map<String, String> env, Path dir, RunSpec spec, Consumer<Process> afterExit)
            throws IOException {
        return run(command, env, dir, spec, spec.stderr(), afterExit);
    }

    /** As above, with the host command's stderr going to {@code stderr} (a filter in front of the RUN's sink). */
    static int run(List<String> command, Map<String, String> env, Path dir, RunSpec spec, OutputStream stderr,
                   Consumer<Process> afterExit) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        Thread out = pump(p.getInputStream(), spec.stdout());
        Thread err = pump(p.getErrorStream(), stderr);
        try {
            int exit = p.waitFor();
            afterExit.accept(p);
            join(out, p.getInputStream());
            join(err, p.getErrorStream());
            spec.stdout().flush();
            stderr.flush();
            return exit;
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            afterExit.accept(p);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted running " + String.join(" ", spec.argv()));
        }
    }

    private static Thread pump(InputStream in, OutputStream sink) {
        return Thread.ofVirtual().name("kiln-run-output").start(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException e) {
                // the pipe was closed after the command ended; nothing more to read
            }
        });
    }

    /** Waits for a pump; if something outside our reach still holds the pipe, closes it after a grace period. */
    private static void join(Thread pump, InputStream in) throws InterruptedException {
        if (!pump.join(java.time.Duration.ofSeconds(PUMP_GRACE_SECONDS))) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
            pump.join(java.time.Duration.ofSeconds(PUMP_GRACE_SECONDS));
        }
    }

}
