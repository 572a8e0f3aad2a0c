package dev.kiln.run;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A busybox rootfs extracted from the test registry's busybox image into a temp dir (needs root). */
final class BusyboxRootfs {
    private BusyboxRootfs() {}

    static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            if (TestEnv.ci()) Assertions.fail("sandbox tests need root");
            Assumptions.abort("sandbox tests need root");
        }
    }

    /**
     * Extracts busybox:latest to a new temp dir (not a JUnit one: its cleanup warns about every absolute symlink)
     * and returns it; {@link #delete} removes it.
     */
    static Path extract(Path dir) throws IOException {
        requireRoot();
        Path layout = dir.resolve("layout");
        Path rootfs = Files.createTempDirectory("kiln-run-test-").resolve("rootfs");
        Tools.skopeoCopy(TestEnv.registry() + "/busybox:latest", "oci:" + layout + ":b");
        Tools.run("umoci", "raw", "unpack", "--image", layout + ":b", rootfs.toString()).requireOk();
        return rootfs;
    }

    static void delete(Path rootfs) {
        if (rootfs != null) Tools.run("rm", "-rf", "--one-file-system", rootfs.getParent().toString()).requireOk();
    }

    static void appendGroup(Path rootfs, String line) throws IOException {
        Files.writeString(rootfs.resolve("etc/group"), line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A run's result with its captured output. */
    record Output(RunResult result, String stdout, String stderr) {
        int exit() {
            return result.exitCode();
        }

        String describe() {
            return "exit " + exit() + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    static Output run(Sandbox sandbox, RunSpec.Builder b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunResult r = sandbox.run(b.stdout(out).stderr(err).build());
        return new Output(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static RunSpec.Builder sh(Path rootfs, String script) {
        return RunSpec.builder(rootfs, List.of("/bin/sh", "-c", script));
    }
}
