package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** RUN on busybox in every sandbox and snapshot mode: users, whiteouts, setuid, empty RUNs, failures. */
class RunBuildTest {
    @TempDir Path tmp;

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("copied.txt"), "copied before a RUN\n");
        return ctx;
    }

    @ParameterizedTest(name = "--isolation {0} --snapshot-mode {1}")
    @CsvSource({"chroot,overlay", "chroot,walk", "oci,overlay", "oci,walk"})
    void busyboxRunBuildsPushesAndRuns(String isolation, String mode) throws Exception {
        String reg = TestEnv.registry();
        Path ctx = context("""
                FROM %s/busybox:latest
                ARG WHO=kiln
                COPY copied.txt /data/
                RUN echo "hello $WHO" > /hello.txt && cat /data/copied.txt >> /hello.txt \\
                    && echo "app:x:1234:1234::/home/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group
                RUN rm -rf /etc/motd /tmp && cp /bin/busybox /suid && chmod 4755 /suid
                RUN true
                USER app
                WORKDIR /home/app/work
                RUN sleep 1000 & id -u > /home/app/work/uid && touch mine
                CMD ["cat", "/hello.txt"]
                """.formatted(reg));
        String dest = reg + "/test/run-" + isolation + "-" + mode + ":1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull",
                "--isolation", isolation, "--snapshot-mode", mode);
        assertEquals(0, r.exitCode(), r.toString());

        ToolResult run = Tools.runImage(dest);
        assertEquals("hello kiln\ncopied before a RUN\n", run.stdout(), run.toString());
        ToolResult check = Tools.runImage(dest, "sh", "-c",
                "cat /home/app/work/uid; stat -c '%u %a' /home/app/work/mine /suid; ls /etc/motd /tmp 2>&1 | wc -l; id -u");
        assertEquals("1234\n1234 644\n0 4755\n2\n1234\n", check.stdout(), check.toString());

        JsonNode cfg = Tools.skopeoInspectConfig(dest);
        List<String> runs = new ArrayList<>();
        for (JsonNode h : cfg.get("history")) {
            String by = h.get("created_by").asText();
            if (by.startsWith("RUN ")) runs.add(by + (h.path("empty_layer").asBoolean(false) ? " (empty)" : ""));
        }
        assertEquals("RUN |1 WHO=kiln /bin/sh -c true # buildkit (empty)", runs.get(2), runs.toString());
        assertFalse(runs.get(0).contains("(empty)"));

        Path layout = tmp.resolve("oci");
        Tools.skopeoCopy(dest, "oci:" + layout + ":x");
        Path bundle = tmp.resolve("bundle");
        Tools.umociUnpack(layout, "x", bundle);
        Path root = bundle.resolve("rootfs");
        assertFalse(Files.exists(root.resolve("etc/motd")), "whiteout for a deleted base file honoured by umoci");
        assertFalse(Files.exists(root.resolve("tmp")), "whiteout for a deleted base directory honoured by umoci");
        assertFalse(Files.exists(root.resolve("proc/self")), "nothing of the sandbox's /proc in the layers");
        assertTrue(Files.exists(root.resolve("bin/busybox")));
    }

    @ParameterizedTest(name = "--isolation {0}")
    @ValueSource(strings = {"chroot", "oci"})
    void failingRunStopsTheBuildWithLineCommandAndExitCode(String isolation) throws Exception {
        String reg = TestEnv.registry();
        Path ctx = context("FROM " + reg + "/busybox:latest\nRUN echo fine\nRUN exit 3\nRUN echo never\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--insecure-pull", "--isolation", isolation);
        assertEquals(3, r.exitCode(), "kiln exits with the RUN's exit code, as Kaniko: " + r);
        assertTrue(r.stderr().contains("Dockerfile:3:") && r.stderr().contains("exit 3") && r.stderr().contains("exit code: 3"), r.stderr());
        assertFalse(r.stderr().contains("never"));
    }
}
