package dev.kiln.executor;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9's acceptance: kiln's executor image, built by kiln and pulled by containerd, builds in place (its own / is
 * the build's rootfs) inside a pod-like container (default capabilities, no CAP_SYS_ADMIN, NoNewPrivs, cgroup fs
 * read-only) and pushes; each image is checked with skopeo and run with runc, its layers hold none of the pod's mounts.
 */
@ExtendWith(ExecutorImageExtension.class)
class InPlaceBuildsTest {
    static final Duration BUILD = Duration.ofMinutes(10);
    @TempDir Path tmp;

    private ToolResult build(ExecutorImage image, Pod pod, String... args) {
        List<String> a = new ArrayList<>(List.of("--context", "/workspace", "--insecure", "--insecure-pull"));
        a.addAll(List.of(args));
        return Ctr.run(BUILD, pod.options(), image.executor(), image.command(a));
    }

    @Test
    void busyboxBuildPushesWithTheMountedDockerConfig(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        String df = """
                FROM %s/busybox:latest
                RUN echo hi > /hello && test -f /workspace/Dockerfile && test -f %s/token && test -d /kiln/jre
                COPY file.txt /file.txt
                CMD ["cat", "/hello"]
                """.formatted(reg, Pod.SA_DIR);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-busybox:1";
        String authDest = TestEnv.authRegistry() + "/test/executor-busybox:1";
        ToolResult r = build(image, pod, "--destination", dest, "--destination", authDest, "-v", "debug");
        assertEquals(0, r.exitCode(), r.describe());
        pod.assertIntact(df);
        // the RUN started with posix_spawn: the image's jspawnhelper runs on /kiln/glibc/ld.so once / is busybox
        assertTrue((r.stdout() + r.stderr()).contains("processes start with posix_spawn through /kiln/jre/lib/jspawnhelper"),
                r.describe());

        assertEquals("hi\n", Tools.runImage(dest).requireOk().stdout());
        assertEquals("from the context\n", Tools.runImage(dest, "cat", "/file.txt").requireOk().stdout());
        Tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", TestEnv.registryUser() + ":" + TestEnv.registryPassword(),
                "docker://" + authDest).requireOk();
        Pod.assertNoPodFilesIn(LayerEntries.added(LayerEntries.of(dest, tmp), 1));
    }

    @Test
    void debianAptGetInstall(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        requireImage(reg + "/debian:bookworm");
        String df = """
                FROM %s/debian:bookworm
                RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
                CMD ["hello"]
                """.formatted(reg);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-debian:1";
        ToolResult r = build(image, pod, "--destination", dest);
        assertEquals(0, r.exitCode(), r.describe());
        pod.assertIntact(df);
        Tools.skopeoInspect(dest);
        assertEquals("Hello, world!\n", Tools.runImage(dest).requireOk().stdout());
        int base = LayerEntries.of(reg + "/debian:bookworm", tmp).size();
        Pod.assertNoPodFilesIn(LayerEntries.added(LayerEntries.of(dest, tmp), base));
    }

    @Test
    void multiStageKeepsMountsAndKilnBetweenStages(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        // stage 2 replaces / again (FROM stage); the mounts and /kiln must survive both replacements
        String df = """
                FROM %1$s/busybox:latest AS first
                RUN echo one > /one && test -f /workspace/file.txt
                FROM first
                RUN cat /one > /two && test -f /workspace/Dockerfile && test -f /kiln/kiln.jar && test -f %2$s/token \\
                    && test -f /kiln/.docker/config.json
                CMD ["cat", "/one", "/two"]
                """.formatted(reg, Pod.SA_DIR);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-multistage:1";
        ToolResult r = build(image, pod, "--destination", dest);
        assertEquals(0, r.exitCode(), r.describe());
        pod.assertIntact(df);
        Tools.skopeoInspect(dest);
        assertEquals("one\none\n", Tools.runImage(dest).requireOk().stdout());
        Pod.assertNoPodFilesIn(LayerEntries.added(LayerEntries.of(dest, tmp), 1));
    }

    @Test
    void cleanupLeavesTheContainerReusable(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        String df = "FROM %s/busybox:latest\nRUN echo hi > /hello\nCMD [\"cat\", \"/hello\"]\n".formatted(reg);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-cleanup";
        String kiln = "kiln build -c /workspace --insecure --insecure-pull --cleanup -d " + dest;
        // two builds in one container (the debug image's shell lives in /kiln, which --cleanup keeps)
        String script = kiln + ":1 && test ! -e /hello && test ! -e /bin/sh && test -f /workspace/Dockerfile && "
                + kiln + ":2 && test ! -e /hello && echo reused";
        ToolResult r = Ctr.run(BUILD, pod.options(), image.debug(), List.of("/kiln/busybox/sh", "-c", script));
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("reused"), r.describe());
        pod.assertIntact(df);
        assertEquals("hi\n", Tools.runImage(dest + ":2").requireOk().stdout());
    }

    @Test
    void cachedRebuild(ExecutorImage image) throws Exception {
        String reg = TestEnv.registry();
        String df = "FROM %s/busybox:latest\nRUN echo cached > /c\nCMD [\"cat\", \"/c\"]\n".formatted(reg);
        Pod pod = Pod.create(tmp, df);
        String dest = reg + "/test/executor-cached:1";
        String[] flags = {"--destination", dest, "--cache=true", "--cache-repo", reg + "/test/executor-cache"};
        assertEquals(0, build(image, pod, flags).exitCode());
        ToolResult again = build(image, pod, flags);
        assertEquals(0, again.exitCode(), again.describe());
        assertTrue((again.stdout() + again.stderr()).toLowerCase().contains("cache"), again.describe());
        assertEquals("cached\n", Tools.runImage(dest).requireOk().stdout());
    }

    private static void requireImage(String ref) {
        ToolResult r = Tools.run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref);
        if (r.ok()) return;
        String msg = ref + " is missing: bin/test pushes it unless KILN_TEST_DEBIAN=0";
        if (TestEnv.ci()) fail(msg);
        org.junit.jupiter.api.Assumptions.abort(msg);
    }
}
