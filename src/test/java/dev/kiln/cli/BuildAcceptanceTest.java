package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The issue's acceptance checks: build FROM the registry's busybox, push, inspect, unpack and run it. */
class BuildAcceptanceTest {
    @TempDir Path tmp;

    private Path busyboxContext(String baseTag) throws Exception {
        Path ctx = tmp.resolve("ctx");
        Files.createDirectories(ctx.resolve("scripts"));
        Files.writeString(ctx.resolve("hello.txt"), "hello from kiln\n");
        Files.writeString(ctx.resolve("scripts/run.sh"), "#!/bin/sh\necho script ran\n");
        Files.setPosixFilePermissions(ctx.resolve("scripts/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(ctx.resolve("secret.txt"), "must not be copied\n");
        Files.writeString(ctx.resolve(".dockerignore"), "secret.txt\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                ARG REGISTRY
                FROM ${REGISTRY}/busybox:%s
                ENV APP_HOME=/app GREETING="hello env"
                WORKDIR $APP_HOME
                COPY hello.txt ./
                COPY scripts/ ./scripts/
                COPY *.txt /copied/
                LABEL org.example.team=platform
                EXPOSE 8080 9090/udp
                USER nobody
                CMD ["sh", "-c", "cat /app/hello.txt; echo $GREETING; id -u; ls /copied"]
                """.formatted(baseTag));
        return ctx;
    }

    @Test
    void buildsFromBusyboxPushesAndTheImageRuns() throws Exception {
        String reg = TestEnv.registry();
        String dest = reg + "/test/acceptance-busybox:1";
        Path digestFile = tmp.resolve("digest");
        ToolResult r = Kiln.run("build", "-c", busyboxContext("latest").toString(), "-d", dest,
                "--insecure", "--insecure-pull", "--build-arg", "REGISTRY=" + reg, "--digest-file", digestFile.toString(),
                "--label", "org.example.cli=yes", "--image-name-with-digest-file", tmp.resolve("names").toString(),
                "--image-name-tag-with-digest-file", tmp.resolve("tags").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String digest = Files.readString(digestFile).trim();
        assertEquals(reg + "/test/acceptance-busybox@" + digest + "\n", Files.readString(tmp.resolve("names")));
        assertEquals(dest + "@" + digest + "\n", Files.readString(tmp.resolve("tags")));

        JsonNode inspect = Tools.skopeoInspect(dest);
        assertEquals(Files.readString(digestFile).trim(), inspect.get("Digest").asText());
        JsonNode cfg = Tools.skopeoInspectConfig(dest);
        JsonNode c = cfg.get("config");
        assertEquals("/app", c.get("WorkingDir").asText());
        assertEquals("nobody", c.get("User").asText());
        assertTrue(c.get("Env").toString().contains("GREETING=hello env"), c.toString());
        assertTrue(c.get("Env").toString().contains("PATH="), c.toString());
        assertTrue(c.get("ExposedPorts").has("8080/tcp") && c.get("ExposedPorts").has("9090/udp"), c.toString());
        assertEquals("platform", c.get("Labels").get("org.example.team").asText());
        assertEquals("yes", c.get("Labels").get("org.example.cli").asText());
        assertEquals("[\"sh\",\"-c\",\"cat /app/hello.txt; echo $GREETING; id -u; ls /copied\"]", c.get("Cmd").toString());
        List<String> history = new ArrayList<>();
        cfg.get("history").forEach(h -> history.add(h.get("created_by").asText()));
        assertTrue(history.contains("COPY hello.txt ./ # buildkit"), history.toString());
        assertTrue(history.contains("ENV APP_HOME=/app GREETING=hello env"), history.toString());
        int layersInHistory = 0;
        for (JsonNode h : cfg.get("history")) if (!h.path("empty_layer").asBoolean(false)) layersInHistory++;
        assertEquals(cfg.get("rootfs").get("diff_ids").size(), layersInHistory, "one non-empty history entry per layer");

        ToolResult run = Tools.runImage(dest);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("hello from kiln\nhello env\n65534\nhello.txt\n", run.stdout());
        ToolResult script = Tools.runImage(dest, "/app/scripts/run.sh");
        assertEquals("script ran\n", script.stdout(), script.toString());
    }

    @Test
    void unpackedFilesHaveTheirModesOwnersAndNoIgnoredFiles() throws Exception {
        String reg = TestEnv.registry();
        Path layout = tmp.resolve("oci");
        ToolResult r = Kiln.run("build", "-c", busyboxContext("latest").toString(), "--no-push",
                "--insecure-pull", "--build-arg", "REGISTRY=" + reg, "--oci-layout-path", layout.toString(),
                "-d", reg + "/test/never-pushed:v2");
        assertEquals(0, r.exitCode(), r.toString());
        Path bundle = tmp.resolve("bundle");
        Tools.umociUnpack(layout, "v2", bundle);
        Path root = bundle.resolve("rootfs");
        assertEquals("hello from kiln\n", Files.readString(root.resolve("app/hello.txt")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app/scripts/run.sh"))));
        assertEquals(0, (int) Files.getAttribute(root.resolve("app/hello.txt"), "unix:uid"));
        assertTrue(Files.exists(root.resolve("bin/busybox")), "base layers are there");
        assertFalse(Files.exists(root.resolve("copied/secret.txt")), ".dockerignore'd file must not be copied");
        assertTrue(Files.exists(root.resolve("copied/hello.txt")));
        ToolResult skopeo = Tools.run("skopeo", "inspect", "docker://" + reg + "/test/never-pushed:v2", "--tls-verify=false");
        assertNotEquals(0, skopeo.exitCode(), "--no-push must not push");
    }

    @Test
    void noPushOutputsAreAcceptedByOciImageToolAndSkopeo() throws Exception {
        String reg = TestEnv.registry();
        Path tar = tmp.resolve("image.tar");
        Path layout = tmp.resolve("layout");
        ToolResult r = Kiln.run("build", "-c", busyboxContext("docker").toString(), "--no-push",
                "--insecure-pull", "--build-arg", "REGISTRY=" + reg, "--tar-path", tar.toString(),
                "--oci-layout-path", layout.toString(), "-d", reg + "/test/outputs:1");
        assertEquals(0, r.exitCode(), r.toString());
        ToolResult validate = Tools.ociImageToolValidate(layout);
        assertEquals(0, validate.exitCode(), validate.toString());
        Tools.skopeoCopy("docker-archive:" + tar, "oci:" + tmp.resolve("from-tar") + ":x");
        JsonNode fromTar = Tools.skopeoInspectConfig("oci:" + tmp.resolve("from-tar") + ":x");
        assertEquals("/app", fromTar.get("config").get("WorkingDir").asText());
        String raw = Tools.skopeoInspectRaw("oci:" + layout + ":1");
        assertTrue(raw.contains("application/vnd.oci.image.manifest.v1+json"), "an OCI layout holds OCI manifests: " + raw);

        String dest = reg + "/test/docker-format:1";
        ToolResult pushed = Kiln.run("build", "-c", tmp.resolve("ctx").toString(), "-d", dest, "--insecure", "--insecure-pull",
                "--build-arg", "REGISTRY=" + reg);
        assertEquals(0, pushed.exitCode(), pushed.toString());
        assertTrue(Tools.skopeoInspectRaw(dest).contains("application/vnd.docker.distribution.manifest.v2+json"),
                "a Docker-format base gives a Docker-format image");
    }

    @Test
    void indexBaseResolvesToThisPlatformAndScratchGivesOci() throws Exception {
        String reg = TestEnv.registry();
        String dest = reg + "/test/index-base:1";
        ToolResult r = Kiln.run("build", "-c", busyboxContext("index").toString(), "-d", dest,
                "--insecure", "--insecure-pull", "--build-arg", "REGISTRY=" + reg);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hello from kiln\n", Tools.runImage(dest, "cat", "/app/hello.txt").stdout());

        Path hello = Path.of(System.getProperty("kiln.basedir", ".")).resolve("examples/hello");
        String scratchDest = reg + "/test/scratch-hello:1";
        ToolResult s = Kiln.run("build", "-c", hello.toString(), "-d", scratchDest, "--insecure");
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(Tools.skopeoInspectRaw(scratchDest).contains("application/vnd.oci.image.manifest.v1+json"));
        // the README's first example runs with the testbed's runner and prints its message (a static program, no shell)
        ToolResult ran = Tools.runImage(scratchDest);
        assertEquals(0, ran.exitCode(), ran.toString());
        assertEquals("hello: Hello from an image built by kiln!\n", ran.stdout());
    }

    @Test
    void reproducibleBuildsGiveTheSameDigest() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = busyboxContext("latest");
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            Path d = tmp.resolve("d" + i);
            ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--reproducible", "--insecure-pull",
                    "--build-arg", "REGISTRY=" + reg, "--digest-file", d.toString());
            assertEquals(0, r.exitCode(), r.toString());
            digests[i] = Files.readString(d).trim();
            Files.setLastModifiedTime(ctx.resolve("hello.txt"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        }
        assertEquals(digests[0], digests[1]);
        assertTrue(digests[0].startsWith("sha256:"));
    }
}
