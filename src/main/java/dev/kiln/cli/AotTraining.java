package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The training run of kiln's JVM AOT cache (JDK 25, JEP 483/514): bin/kiln and executor/Dockerfile start it with
 * {@code -XX:AOTCacheOutput=FILE}, the classes it loads and links are stored in FILE, and later runs started with
 * {@code -XX:AOTCache=FILE} (same JDK, jars, GC) begin with them loaded. It runs what a real invocation runs, in one
 * JVM: the version, a small real build (context {@code src/aot/context}: FROM scratch, COPY, two stages) to an OCI
 * layout, and pushes to a registry port nothing listens on (over HTTPS, and as an insecure registry), which load the
 * registry client, TLS and the error path. Only that last step is expected to fail. As root (outside the executor
 * image), a RUN that fails and one that succeeds ({@link TrainingRun}) follow.
 * <p>Usage: {@code AotTraining CONTEXT_DIR WORK_DIR} (WORK_DIR: where the OCI layout is written; the caller deletes it).
 */
public final class AotTraining {
    private AotTraining() {}

    /** Nothing listens on the discard port of the loopback address: the connection is refused at once. */
    static final String UNREACHABLE = "127.0.0.1:9/kiln/aot-training:latest";

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AotTraining CONTEXT_DIR WORK_DIR");
            System.exit(2);
        }
        System.exit(train(Path.of(args[0]), Path.of(args[1])));
    }

    /** Runs the training commands; returns the exit code of the local build (0 when it succeeded). */
    static int train(Path context, Path work) {
        Main.run("version");
        Preload.start();   // as Main.main does for a build
        // chroot, never in-place (which the executor image would pick): the training Dockerfile has no RUN, and an
        // in-place build would replace the / of the machine or image stage the training runs in
        int rc = Main.run("build", "--context", context.toString(), "--no-push", "--isolation", "chroot",
                "--oci-layout-path", work.resolve("layout").toString(), "--label", "training=1");
        for (String transport : new String[] {"--skip-tls-verify", "--insecure"}) {
            Main.run("build", "--context", context.toString(), "--destination", UNREACHABLE, transport,
                    "--isolation", "chroot", "--push-retry", "0", "--image-download-retry", "0", "--verbosity", "error");
        }
        if (rc == 0) pullAndPush(context, work);
        if (rc == 0 && runsHere()) TrainingRun.run(work);
        return rc;
    }

    /** RUN steps are trained here: as root, outside the executor image (whose training runs inside a RUN). */
    static boolean runsHere() {
        return dev.kiln.fs.ProcessOwner.current().root() && System.getenv("KILN_EXECUTOR_IMAGE") == null;
    }

    /**
     * Pulls the image just built from an in-memory registry, adds a layer, pushes it there; as root outside the
     * executor image (whose training runs inside a RUN of its own build) also a RUN. Best effort: a failure only
     * leaves those classes out of the cache. Returns the pull and push build's exit code (-1: it could not run).
     */
    static int pullAndPush(Path context, Path work) {
        try (TrainingRegistry reg = TrainingRegistry.start(work.resolve("layout"))) {
            String base = "BASE=" + reg.host() + "/kiln/aot-training-base:1";
            String dockerfile = context.resolve("Dockerfile.pull").toString();
            int rc = Main.run("build", "--context", context.toString(), "--dockerfile", dockerfile, "--target", "pulled",
                    "--build-arg", base, "--destination", reg.host() + "/kiln/aot-training-pushed:1",
                    "--insecure", "--insecure-pull", "--isolation", "chroot", "--verbosity", "error");
            if (rc != 0) System.err.println("AOT training: the pull and push build exited " + rc);
            if (runsHere()) {
                Main.run("build", "--context", context.toString(), "--dockerfile", dockerfile, "--build-arg", base,
                        "--no-push", "--insecure-pull", "--isolation", "chroot", "--verbosity", "fatal");
            }
            return rc;
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("AOT training: the pull and push build was left out: " + e);
            return -1;
        }
    }
}
