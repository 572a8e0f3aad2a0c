package dev.kiln.cli;

import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.layout.OciLayout;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Platforms built at once ({@code --jobs}, issue 16): with room for several, a three-platform build makes the index it
 * makes one platform at a time (same digest, {@code --reproducible}); a stage pinned by {@code FROM --platform} is
 * built by the first platform alone and its shared step looked up by the others; a platform that fails stops the build
 * with its own error and writes nothing. Whether platforms ran at once is read from the build's events, never timed.
 */
class ConcurrentPlatformsTest {
    static final String PLATFORMS = "linux/amd64,linux/arm64,linux/riscv64";
    static String base;

    @TempDir static Path shared;
    @TempDir Path tmp;

    /** A three-platform base whose /base-arch names its platform (COPY only: no foreign program runs). */
    @BeforeAll
    static void pushBase() throws Exception {
        base = MultiPlatformBuildTest.pushArchBase(shared, "concurrent/base:1", PLATFORMS);
    }

    @Test
    void platformsBuiltAtOnceMakeTheIndexBuiltOneAtATime() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM " + base + "\nARG TARGETARCH\nCOPY f /f\nENV ARCH=$TARGETARCH\n");
        Files.writeString(tmp.resolve("f"), "same\n");
        ToolResult atOnce = build("6", "at-once");
        ToolResult serial = build("1", "serial");
        assertEquals(0, atOnce.exitCode(), atOnce.toString());
        assertEquals(0, serial.exitCode(), serial.toString());
        assertTrue(atOnce.stderr().contains("building for linux/amd64 (1 of 3, 3 platforms at once)"), atOnce.stderr());
        assertTrue(atOnce.stderr().contains("building for linux/riscv64 (3 of 3, 3 platforms at once)"), atOnce.stderr());
        assertTrue(serial.stderr().contains("building for linux/arm64 (2 of 3)"), serial.stderr());
        assertEquals(Files.readString(tmp.resolve("serial.digest")), Files.readString(tmp.resolve("at-once.digest")));
        assertEquals(Files.readString(tmp.resolve("serial/index.json")), Files.readString(tmp.resolve("at-once/index.json")));
        for (String arch : new String[]{"amd64", "arm64", "riscv64"}) {
            Image img = OciLayout.read(tmp.resolve("at-once"), "1", Platform.parse("linux/" + arch));
            assertEquals(arch, img.config().architecture());
            assertTrue(img.config().config().env().contains("ARCH=" + arch), img.config().config().env().toString());
        }
    }

    @Test
    void aPinnedStageIsBuiltByTheFirstPlatformAloneThenTheOthersAtOnce() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), """
                FROM --platform=$BUILDPLATFORM %s/busybox:latest AS build
                RUN echo shared > /shared
                ARG TARGETARCH
                RUN echo "$TARGETARCH" > /arch
                FROM %s
                COPY --from=build /shared /arch /
                """.formatted(TestEnv.registry(), base));
        ToolResult atOnce = build("4", "at-once");
        ToolResult serial = build("1", "serial");
        assertEquals(0, atOnce.exitCode(), atOnce.toString());
        assertEquals(0, serial.exitCode(), serial.toString());
        String err = atOnce.stderr();
        assertTrue(err.contains("building for linux/amd64 (1 of 3)"), err);
        assertTrue(err.contains("building for linux/arm64 (2 of 3, 2 platforms at once)"), err);
        assertTrue(err.contains("building for linux/riscv64 (3 of 3, 2 platforms at once)"), err);
        // the first platform ran the shared step; the two others looked it up
        assertEquals(2, count(err, "using cached layer"), err);
        assertEquals(Files.readString(tmp.resolve("serial/index.json")), Files.readString(tmp.resolve("at-once/index.json")));
        for (String arch : new String[]{"amd64", "arm64", "riscv64"}) {
            Image img = OciLayout.read(tmp.resolve("at-once"), "1", Platform.parse("linux/" + arch));
            assertEquals(arch, img.config().architecture());
        }
    }

    @Test
    void aFailingPlatformFailsTheBuildWithItsErrorAndWritesNothing() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), """
                FROM --platform=$BUILDPLATFORM %s/busybox:latest AS build
                ARG TARGETARCH
                RUN test "$TARGETARCH" != riscv64
                FROM %s
                COPY --from=build /bin/busybox /b
                """.formatted(TestEnv.registry(), base));
        ToolResult r = build("6", "out");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Dockerfile:3"), r.stderr());
        assertTrue(r.stderr().contains("riscv64"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("out/index.json")), "no layout written");
        assertFalse(Files.exists(tmp.resolve("out.tar")), "no tarball written");
        assertFalse(Files.exists(tmp.resolve("out.digest")), "no digest written");
    }

    private ToolResult build(String jobs, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "--no-push",
                "--reproducible", "--custom-platform", PLATFORMS, "--jobs", jobs, "-d", "kiln.test/concurrent:1",
                "--oci-layout-path", tmp.resolve(name).toString(), "--tar-path", tmp.resolve(name + ".tar").toString(),
                "--digest-file", tmp.resolve(name + ".digest").toString()));
        return Kiln.run(args.toArray(String[]::new));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
