package dev.kiln.executor;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs images in the testbed's containerd the way a Kubernetes pod runs them (testbed/ctr-run.sh). */
final class Ctr {
    private Ctr() {}

    /** Skips (or under CI fails) unless we are root and testbed/containerd.sh answers; skips when KILN_TEST_EXECUTOR=0. */
    static void require() {
        String why = null;
        if ("0".equals(System.getenv("KILN_TEST_EXECUTOR"))) Assumptions.abort("KILN_TEST_EXECUTOR=0: executor image tests off");
        if (!"root".equals(System.getProperty("user.name"))) why = "containerd tests need root";
        else if (!Tools.run(TestEnv.testbed().resolve("containerd.sh").toString(), "status").ok()) {
            why = "containerd is not running: start it with testbed/containerd.sh start (bin/test does)";
        }
        if (why == null) return;
        if (TestEnv.ci()) Assertions.fail(why);
        Assumptions.abort(why);
    }

    /** {@code ctr-run.sh OPTIONS IMAGE ARGV...}; ARGV replaces the image's entrypoint (ctr has no args-only form). */
    static ToolResult run(Duration timeout, List<String> options, String image, List<String> argv) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestEnv.testbed().resolve("ctr-run.sh").toString());
        cmd.addAll(options);
        cmd.add(image);
        cmd.addAll(argv);
        return Tools.run(timeout, cmd);
    }

    /** As a kubelet does for a container with {@code args:} only: the image's entrypoint, then the args. */
    static List<String> withEntrypoint(List<String> entrypoint, List<String> args) {
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(args);
        return argv;
    }
}
