package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 18 part 4: where build files go, kill -9 leftovers removed by the next run, a full disk named. */
class WorkDirTest {
    @TempDir Path tmp;

    @Test
    void workRootIsKanikoDirThenKilnDirThenTmpdirThenTheJvmsTempDir() {
        assertEquals(Path.of("/a"), WorkDir.root("/a", Map.of("KILN_DIR", "/b", "TMPDIR", "/c"), "/d"));
        assertEquals(Path.of("/b"), WorkDir.root(null, Map.of("KILN_DIR", "/b", "TMPDIR", "/c"), "/d"));
        assertEquals(Path.of("/c"), WorkDir.root(null, Map.of("TMPDIR", "/c"), "/d"));
        assertEquals(Path.of("/d"), WorkDir.root("", Map.of("TMPDIR", " "), "/d"));
    }

    private static List<Path> workDirs(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("kiln-build-")).toList();
        }
    }

    @Test
    void aBuildKilledWithSigkillLeavesItsWorkDirAndTheNextRunRemovesIt() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("work"));
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /\n");
        // a context on stdin: kiln has made its work dir and waits there for the tar that never comes
        Process killed = Kiln.start(Map.of("TMPDIR", root.toString()), "build", "-c", "tar://stdin", "--no-push");
        Path left = null;
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (left == null && Instant.now().isBefore(until) && killed.isAlive()) {
            left = workDirs(root).stream().filter(d -> Files.exists(d.resolve("kiln-owner"))).findFirst().orElse(null);
            if (left == null) Thread.sleep(100);
        }
        assertNotNull(left, "the build made a marked work dir in TMPDIR");
        assertTrue(Files.readString(left.resolve("kiln-owner")).contains("pid=" + killed.pid() + "\n"));
        killed.destroyForcibly(); // SIGKILL: nothing of kiln's runs after this
        killed.waitFor();
        assertTrue(Files.isDirectory(left), "kill -9 leaves the work dir behind");

        Path other = Files.createDirectories(root.resolve("kiln-build-not-ours")); // no marker: never touched
        ToolResult next = Kiln.run(Map.of("TMPDIR", root.toString()), "build", "-c", ctx.toString(), "--no-push");
        assertEquals(0, next.exitCode(), next.toString());
        assertTrue(next.stderr().contains("removing " + left + "-") && next.stderr().contains("left behind by kiln process "
                + killed.pid() + " (no longer running)"), next.stderr());
        assertEquals(List.of(other), workDirs(root), "the leftover and the next run's own dir are gone, the unmarked dir stays");
    }

    @Test
    void aFullDiskNamesThePathAndWhatWasNeeded() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("tiny"));
        ToolResult mount = Tools.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString());
        if (mount.exitCode() != 0) {
            if (TestEnv.ci()) fail("cannot mount a tmpfs (root needed): " + mount);
            Assumptions.abort("cannot mount a tmpfs: " + mount);
        }
        try {
            Path ctx = Files.createDirectories(tmp.resolve("ctx"));
            byte[] big = new byte[3 * 1024 * 1024];
            new SecureRandom().nextBytes(big); // incompressible: the layer needs about 3 MiB
            Files.write(ctx.resolve("big.bin"), big);
            Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY big.bin /\n");
            ToolResult r = Kiln.run(Map.of("TMPDIR", mnt.toString()), "build", "-c", ctx.toString(), "--no-push");
            assertEquals(1, r.exitCode(), r.toString());
            String err = r.stderr().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
            assertTrue(err.contains("no space left on device writing " + mnt + "/kiln-build-"), err);
            assertTrue(err.contains("adding /big.bin, 3.0 MiB uncompressed") && err.contains(" free of 1.0 MiB on " + mnt)
                    && err.contains("TMPDIR"), err);
            assertEquals(List.of(), workDirs(mnt), "the failed build's work dir is removed");
        } finally {
            Tools.run("umount", mnt.toString());
        }
    }
}
