package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.layout.OciLayout;
import dev.kiln.run.Emulation;
import dev.kiln.testsupport.BinfmtHandler;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16's acceptance on an amd64 machine: RUN for linux/arm64 under QEMU user emulation (testbed/binfmt.sh
 * registers Debian's qemu-user-static with the F flag), and the Go cross-compile pattern without any QEMU. The
 * two-platform base {@code busybox:multi} is made by testbed/base-images.sh from Debian's arm64 busybox-static.
 */
class EmulatedRunTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Platform ARM64 = Platform.parse("linux/arm64");
    static final String PLATFORMS = "linux/amd64,linux/arm64";
    @TempDir Path tmp;

    @BeforeEach
    void amd64Host() {
        Assumptions.assumeTrue("amd64".equals(Platform.host().architecture()), "the multiarch testbed is made on amd64 machines");
    }

    @Test
    void runUnderQemuPushesAnIndexWhoseImagesRunOnTheirArchitecture() throws Exception {
        Assumptions.assumeTrue(Emulation.system().missing(ARM64).isEmpty(),
                () -> "no QEMU for arm64 here (testbed/binfmt.sh setup): " + Emulation.system().missing(ARM64).orElse(""));
        String reg = TestEnv.registry();
        Files.writeString(tmp.resolve("Dockerfile"), """
                FROM %s/busybox:multi
                ARG TARGETARCH
                RUN echo "$TARGETARCH $(uname -m)" > /arch
                CMD ["uname", "-m"]
                """.formatted(reg));
        String dest = reg + "/emulated/run:1";
        String[] args = {"build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "-d", dest, "--reproducible",
                "--custom-platform", PLATFORMS, "--cache", "--cache-repo", reg + "/emulated/cache"};
        ToolResult r = Kiln.run(args);
        assertEquals(0, r.exitCode(), r.toString());

        String raw = Tools.skopeoInspectRaw("docker://" + dest);
        JsonNode index = JSON.readTree(raw);
        assertEquals("application/vnd.oci.image.index.v1+json", index.get("mediaType").asText(), raw);
        String[][] expect = {{"amd64", "x86_64"}, {"arm64", "aarch64"}};
        for (int i = 0; i < 2; i++) {
            JsonNode d = index.get("manifests").get(i);
            assertEquals("linux", d.get("platform").get("os").asText(), raw);
            assertEquals(expect[i][0], d.get("platform").get("architecture").asText(), raw);
            String ref = reg + "/emulated/run@" + d.get("digest").asText();
            ToolResult run = Tools.runImage(ref);
            assertEquals(expect[i][1] + "\n", run.stdout(), run.toString());
            ToolResult built = Tools.runImage(ref, "cat", "/arch");
            assertEquals(expect[i][0] + " " + expect[i][1] + "\n", built.stdout(), "RUN ran on " + expect[i][0] + ": " + built);
        }

        // the same index again: every step of both platforms is a cache hit
        ToolResult again = Kiln.run(args);
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.stderr().contains("no cached layer"), again.stderr());
        assertTrue(again.stderr().contains("using cached layer"), again.stderr());
        assertEquals(index, JSON.readTree(Tools.skopeoInspectRaw("docker://" + dest)));
    }

    @Test
    void goCrossCompileForArm64NeedsNoQemu() throws Exception {
        String reg = TestEnv.registry();
        Files.writeString(tmp.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(tmp.resolve("main.go"), """
                package main

                import (
                	"fmt"
                	"runtime"
                )

                func main() { fmt.Println("hello from " + runtime.GOOS + "/" + runtime.GOARCH) }
                """);
        Files.writeString(tmp.resolve("Dockerfile"), """
                FROM --platform=$BUILDPLATFORM %s/debian:bookworm AS build
                RUN --mount=type=cache,target=/var/cache/apt,id=apt-cache apt-get update \\
                    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends golang-go
                WORKDIR /src
                COPY go.mod main.go ./
                ARG TARGETOS TARGETARCH
                RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/hello .

                FROM %s/busybox:multi
                COPY --from=build /out/hello /usr/local/bin/hello
                ENTRYPOINT ["/usr/local/bin/hello"]
                """.formatted(reg, reg));
        String dest = reg + "/emulated/go:1";
        Path layout = tmp.resolve("oci");
        ToolResult r;
        try (BinfmtHandler off = BinfmtHandler.disabled("aarch64")) {
            assertTrue(Emulation.system().missing(ARM64).isPresent(), "qemu-aarch64 is switched off for this build");
            r = Kiln.run("build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "-d", dest,
                    "--custom-platform", PLATFORMS, "--oci-layout-path", layout.toString(),
                    "--run-cache-dir", tmp.resolve("run-cache").toString());
        }
        assertEquals(0, r.exitCode(), r.toString());

        int[] machine = {0x3e, 0xb7}; // ELF e_machine: EM_X86_64, EM_AARCH64
        String[] archs = {"amd64", "arm64"};
        for (int i = 0; i < 2; i++) {
            Image img = OciLayout.read(layout, "1", Platform.parse("linux/" + archs[i]));
            assertEquals(archs[i], img.config().architecture());
            byte[] elf = file(img.layers().getLast().open(), "usr/local/bin/hello");
            assertArrayEquals(new byte[]{0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(elf, 4));
            assertEquals(machine[i], (elf[18] & 0xff) | (elf[19] & 0xff) << 8, archs[i] + " binary's ELF machine");
        }
        ToolResult run = Tools.runImage(reg + "/emulated/go@" + JSON.readTree(Tools.skopeoInspectRaw("docker://" + dest))
                .get("manifests").get(0).get("digest").asText());
        assertEquals("hello from linux/amd64\n", run.stdout(), run.toString());
        if (Emulation.system().missing(ARM64).isEmpty()) {
            String arm = JSON.readTree(Tools.skopeoInspectRaw("docker://" + dest)).get("manifests").get(1).get("digest").asText();
            ToolResult armRun = Tools.runImage(reg + "/emulated/go@" + arm);
            assertEquals("hello from linux/arm64\n", armRun.stdout(), armRun.toString());
        }
    }

    /** The bytes of {@code name} in a gzip layer. */
    private static byte[] file(InputStream gzipTar, String name) throws Exception {
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(gzipTar))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").equals(name)) return tar.readAllBytes();
            }
        }
        throw new AssertionError(name + " is not in the layer");
    }
}
