package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Multi-stage builds end to end: a Go program compiled in Debian and run from busybox; secrets never leak. */
class MultiStageBuildTest {
    @TempDir Path tmp;

    @Test
    void goBuildInDebianRunsFromBusybox() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(ctx.resolve("main.go"), """
                package main

                import "fmt"

                func main() { fmt.Println("hello from a two-stage go build") }
                """);
        Files.writeString(ctx.resolve("Dockerfile"), """
                ARG REGISTRY
                FROM ${REGISTRY}/debian:bookworm AS build
                RUN --mount=type=cache,target=/var/cache/apt,id=apt-cache apt-get update \\
                    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends golang-go
                WORKDIR /src
                COPY go.mod main.go ./
                RUN CGO_ENABLED=0 go build -o /out/hello .

                FROM ${REGISTRY}/busybox:latest
                COPY --from=build /out/hello /usr/local/bin/hello
                ENTRYPOINT ["/usr/local/bin/hello"]
                """);
        String dest = reg + "/test/stages-go:1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull",
                "--build-arg", "REGISTRY=" + reg, "--run-cache-dir", tmp.resolve("cache").toString());
        assertEquals(0, r.exitCode(), r.toString());
        ToolResult run = Tools.runImage(dest);
        assertEquals("hello from a two-stage go build\n", run.stdout(), run.toString());
    }

    @Test
    void secretsNeverReachLayersConfigOrLogs() throws Exception {
        String reg = TestEnv.registry();
        String secret = "kiln-secret-" + Long.toHexString(System.nanoTime());
        Path secretFile = Files.writeString(tmp.resolve("secret"), secret);
        Path ctx = Files.createDirectories(tmp.resolve("ctx2"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                ARG REGISTRY
                FROM ${REGISTRY}/busybox:latest AS build
                RUN --mount=type=secret,id=tok [ -s /run/secrets/tok ] && wc -c < /run/secrets/tok > /len
                RUN --mount=type=secret,id=tok,env=TOKEN,target=/etc/tok,required [ -n "$TOKEN" ] && [ -f /etc/tok ] && touch /used
                FROM ${REGISTRY}/busybox:latest
                COPY --from=build /len /used /
                RUN --mount=type=secret,id=fromenv,env=X [ -n "$X" ] && echo ok > /ok
                """);
        Path layout = tmp.resolve("oci");
        String dest = reg + "/test/stages-secret:1";
        ToolResult r = Kiln.run(java.util.Map.of("KILN_TEST_SECRET_ENV", secret + "-env"), "build", "-c", ctx.toString(),
                "-d", dest, "--insecure", "--insecure-pull", "--build-arg", "REGISTRY=" + reg, "-v", "trace",
                "--secret", "id=tok,src=" + secretFile, "--secret", "id=fromenv,env=KILN_TEST_SECRET_ENV",
                "--oci-layout-path", layout.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret), "secret in the log");
        List<Path> blobs;
        try (Stream<Path> s = Files.list(layout.resolve("blobs/sha256"))) {
            blobs = s.toList();
        }
        assertTrue(blobs.size() >= 4);
        for (Path b : blobs) {
            String text = new String(contents(Files.readAllBytes(b)), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(secret), "secret in blob " + b.getFileName());
        }
        String config = Tools.skopeoInspectConfig(dest).toString();
        assertFalse(config.contains(secret), "secret in the config or history");
        ToolResult check = Tools.runImage(dest, "sh", "-c", "cat /len /ok; ls /run/secrets /etc/tok 2>&1 | wc -l");
        assertEquals(secret.length() + "\nok\n2\n", check.stdout(), check.toString());
    }

    /** A blob's bytes, gunzipped when it is gzip. */
    private static byte[] contents(byte[] blob) throws IOException {
        if (blob.length > 2 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b) {
            try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(blob))) {
                return in.readAllBytes();
            }
        }
        return blob;
    }

    @Test
    void onlyNeededStagesAreBuiltAndSeveralTargets() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx3"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                ARG REGISTRY
                FROM ${REGISTRY}/busybox:latest AS broken
                RUN exit 7
                FROM ${REGISTRY}/busybox:latest AS test
                RUN echo tested > /tested
                FROM ${REGISTRY}/busybox:latest AS app
                COPY --from=1 /tested /from-test
                CMD ["cat", "/from-test"]
                """);
        String dest = reg + "/test/stages-targets:1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull",
                "--build-arg", "REGISTRY=" + reg, "--target", "test", "--target", "app", "--skip-unused-stages");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stderr().contains("exit 7"), r.stderr());
        assertEquals("tested\n", Tools.runImage(dest).stdout());
        ToolResult bad = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--build-arg", "REGISTRY=" + reg,
                "--insecure-pull", "--target", "broken");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.stderr().contains("Dockerfile:3"), bad.stderr());
    }
}
