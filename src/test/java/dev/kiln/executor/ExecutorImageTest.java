package dev.kiln.executor;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The executor image itself: what it holds, that it starts, its security posture, and kiln outside its image. */
@ExtendWith(ExecutorImageExtension.class)
class ExecutorImageTest {
    @TempDir Path tmp;

    @Test
    void startsAndReportsItsVersionAndSize(ExecutorImage image) throws Exception {
        // `kiln --version`: the entrypoint without its `build` (picocli's `build --version` prints nothing)
        List<String> argv = new java.util.ArrayList<>(image.entrypoint().subList(0, image.entrypoint().size() - 1));
        argv.add("--version");
        Ctr.run(Duration.ofMinutes(2), List.of(), image.executor(), argv).requireOk();   // pulls the image
        long start = System.nanoTime();
        ToolResult r = Ctr.run(Duration.ofMinutes(2), List.of("--no-pull"), image.executor(), argv);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().startsWith("kiln "), r.describe());
        // recorded for the note (not asserted: tests never assert timing)
        Path report = Path.of(System.getProperty("kiln.basedir", "."), "target", "executor-report.txt");
        Files.writeString(report, "executor image " + image.executor() + ": " + image.size() + " bytes compressed; "
                + "`kiln --version` under ctr-run.sh (incl. ctr's own start, no pull): " + ms + " ms\n");
        assertTrue(image.entrypoint().containsAll(List.of("-jar", "/kiln/kiln.jar", "build")), image.entrypoint().toString());
    }

    @Test
    void environmentAndVariants(ExecutorImage image) {
        var env = Tools.skopeoInspectConfig(image.executor()).path("config").path("Env").toString();
        for (String e : List.of("DOCKER_CONFIG=/kiln/.docker", "KILN_DIR=/kiln", "KILN_EXECUTOR_IMAGE=1")) {
            assertTrue(env.contains(e), e + " in " + env);
        }
        var warm = Tools.skopeoInspectConfig(image.warmer()).path("config").path("Entrypoint");
        assertEquals("warm", warm.get(warm.size() - 1).asText());
        ToolResult sh = Ctr.run(Duration.ofMinutes(1), List.of(), image.debug(),
                List.of("/kiln/busybox/sh", "-c", "kiln --version && ls /kiln"));
        assertEquals(0, sh.exitCode(), sh.describe());
        assertTrue(sh.stdout().contains("kiln ") && sh.stdout().contains("jre"), sh.describe());
    }

    @Test
    void podSecurityContextDefaultCapabilitiesNoSysAdminNoNewPrivs(ExecutorImage image) {
        ToolResult r = Ctr.run(Duration.ofMinutes(1), List.of("--no-new-privs"), image.debug(),
                List.of("/kiln/busybox/sh", "-c", "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status"));
        assertEquals(0, r.exitCode(), r.describe());
        long capEff = Long.parseLong(r.stdout().replaceAll("(?s).*CapEff:\\s*([0-9a-f]+).*", "$1"), 16);
        assertEquals(0, capEff & (1L << 21), "CAP_SYS_ADMIN must not be in the set: " + r.stdout());
        assertTrue(r.stdout().matches("(?s).*NoNewPrivs:\\s*1.*"), r.stdout());
    }

    /**
     * Issue 17: the :nonroot variant is the executor as 65532:65532 with /kiln its own: with a writable root filesystem
     * (a baseline pod) a build without RUN works in /kiln/kiln-build-* with no flag, never in place.
     */
    @Test
    void nonRootVariantBuildsInItsOwnKilnDir(NonRootImage image) throws Exception {
        assertEquals("65532:65532", image.user());
        assertTrue(image.env().containsAll(List.of("HOME=/kiln/home", "KILN_DIR=/kiln", "KILN_EXECUTOR_IMAGE=1")), image.env().toString());
        assertTrue(image.entrypoint().containsAll(List.of("-jar", "/kiln/kiln.jar", "build")), image.entrypoint().toString());
        String reg = TestEnv.registry();
        Pod pod = Pod.create(tmp, """
                FROM scratch AS f
                COPY --chown=1000:1000 file.txt /f
                FROM %s/busybox:latest
                COPY --from=f /f /f
                CMD ["cat", "/f"]
                """.formatted(reg));
        String dest = reg + "/test/executor-nonroot:1";
        List<String> argv = new java.util.ArrayList<>(image.entrypoint());
        argv.addAll(List.of("--context=dir:///workspace", "--destination=" + dest, "--insecure", "--insecure-pull", "-v", "debug"));
        ToolResult r = Ctr.run(Duration.ofMinutes(3), List.of("--no-new-privs", "-v", pod.workspace() + ":/workspace:ro"), image.ref(), argv);
        assertEquals(0, r.exitCode(), r.describe());
        String log = r.stdout() + r.stderr();
        assertTrue(log.contains("isolation: none needed (no RUN), running as uid 65532 gid 65532 (not root)"), r.describe());
        assertTrue(log.contains("; not in-place, which needs root"), r.describe());
        assertTrue(log.contains("into /kiln/kiln-build-"), "the work dir in /kiln (COPY --from's stage):\n" + r.describe());
        assertEquals("from the context\n", Tools.runImage(dest).requireOk().stdout());
    }

    /** Point 3: kiln's runtime and jars mounted into an ordinary Debian container build with chroot isolation. */
    @Test
    void chrootIsolationInAnOrdinaryContainerLeavesItsRootAlone(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        Path kiln = Path.of(System.getProperty("kiln.basedir", "."), "target", "executor-context", "kiln");
        String df = "FROM %s/busybox:latest\nRUN echo chrooted > /hello\nCMD [\"cat\", \"/hello\"]\n".formatted(reg);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-chroot-outside:1";
        String script = "echo marker > /marker && /opt/kiln/jre/bin/java -jar /opt/kiln/kiln.jar build --isolation chroot "
                + "-c /workspace -d " + dest + " --insecure --insecure-pull"
                + " && test -f /marker && test ! -e /hello && test -x /usr/bin/apt-get && test -f /etc/debian_version && echo intact";
        List<String> opts = List.of("-v", kiln + ":/opt/kiln:ro", "-v", pod.workspace() + ":/workspace");
        ToolResult r = Ctr.run(Duration.ofMinutes(5), opts, reg + "/debian:bookworm", List.of("/bin/sh", "-c", script));
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("intact"), r.describe());
        assertEquals("chrooted\n", Tools.runImage(dest).requireOk().stdout());
    }
}
