package dev.kiln.run;

import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-place sandbox end to end, in a throwaway root: {@code unshare --mount --pid --fork}, an overlay of the host's
 * / (upper dir on /dev/shm), /proc and /dev mounted, chroot into it, then kiln's {@link InPlaceHarness} runs RUNs
 * on that /. Every write lands in the overlay's upper dir; the host's / is checked untouched. Needs root.
 */
class InPlaceThrowawayRootTest {
    @Test
    void runsOnTheThrowawayRoot() throws IOException {
        BusyboxRootfs.requireRoot();
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "needs /dev/shm for the overlay's upper dir");
        Path scratch = Files.createTempDirectory(Path.of("/dev/shm"), "kiln-inplace-");
        try {
            String java = ProcessHandle.current().info().command().orElseThrow();
            String cp = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();
            String s = Sh.quote(scratch.toString());
            String script = String.join("\n", "set -e",
                    "mkdir " + s + "/u " + s + "/w " + s + "/m",
                    "mount -t overlay overlay -o lowerdir=/,upperdir=" + s + "/u,workdir=" + s + "/w " + s + "/m",
                    "mount -t proc proc " + s + "/m/proc",
                    "mount --rbind /dev " + s + "/m/dev",
                    "exec env KILN_INPLACE_HARNESS=throwaway chroot " + s + "/m " + Sh.words(java, "-cp", cp, InPlaceHarness.class.getName()));
            ToolResult r = Tools.run(Tools.DEFAULT_TIMEOUT, List.of("unshare", "--mount", "--pid", "--fork",
                    "--propagation", "private", "/bin/sh", "-c", script));
            String out = r.stdout();
            assertTrue(r.ok(), r.describe());
            assertTrue(out.contains("exit exit=3 out="), r.describe());
            assertTrue(out.contains("nobody exit=0 out=65534|/kiln-inplace-wd|65534|denied"), r.describe());
            assertTrue(out.contains("root exit=0 out=bar /root"), r.describe());
            assertTrue(out.contains("bg exit=0 out=started"), r.describe());
            assertTrue(out.contains("leftovers 0"), r.describe());
            assertTrue(out.contains("refused true"), r.describe());
            assertTrue(Files.exists(scratch.resolve("u/kiln-inplace-marker")), "the write went to the overlay");
            assertFalse(Files.exists(Path.of("/kiln-inplace-marker")), "the host's / was changed");
            assertFalse(Files.exists(Path.of("/kiln-inplace-wd")), "the host's / was changed");
        } finally {
            Tools.run("rm", "-rf", "--one-file-system", scratch.toString());
        }
    }
}
