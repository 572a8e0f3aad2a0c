package dev.kiln.cli;

import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.Trees;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17: kiln as uid 65534 with no capabilities ({@code setpriv --reuid 65534 --regid 65534 --clear-groups
 * --inh-caps=-all}), a separate JVM as a user runs it. A multi-stage COPY-only build ({@code FROM scratch} and a
 * registry base, {@code --chown 1000:1000}, {@code --chmod}, {@code COPY --from} a stage and an image) pushes the
 * very image (same manifest digest, {@code --reproducible}) the same build pushes as root; where user namespaces are
 * refused a RUN fails before any work (RUN in a user namespace: {@link NonRootRunBuildTest}).
 */
class NonRootBuildTest {
    private static final int NOBODY = 65534;
    private static Path dir;
    private static String classPath;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(ProcessOwner.current().root(), "needs root to switch to uid 65534 with setpriv");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        dir = Files.createTempDirectory("kiln-nonroot-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        classPath = NonRootKiln.readableClassPath(dir.resolve("cp"));
    }

    @AfterAll
    static void tearDown() {
        if (dir != null) Trees.delete(dir);
    }

    private static Path context(String name, String dockerfile) throws IOException {
        Path ctx = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(ctx.resolve("app/sub"));
        Files.writeString(ctx.resolve("app/hello.txt"), "hello\n");
        Files.writeString(ctx.resolve("app/sub/x.txt"), "sub\n");
        Files.writeString(ctx.resolve("app/run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        try (var s = Files.walk(ctx)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return ctx;
    }

    /** Runs kiln build as root or as nobody (no capabilities), with a work dir and HOME of its own. */
    private static ToolResult kiln(boolean asNobody, Path ctx, String destination, String... more) throws IOException {
        Path work = Files.createTempDirectory(dir, asNobody ? "nobody-" : "root-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (asNobody) Files.setAttribute(work, "unix:uid", NOBODY);
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--reuid", "" + NOBODY, "--regid", "" + NOBODY, "--clear-groups",
                    "--inh-caps=-all"));
        }
        cmd.addAll(List.of("/usr/bin/env", "HOME=" + work, "DOCKER_CONFIG=" + work, "TMPDIR=" + work,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, Main.class.getName(), "build", "--context", ctx.toString(), "--destination", destination,
                "--insecure", "--insecure-pull", "--reproducible", "--kaniko-dir", work.toString(), "-v", "debug"));
        cmd.addAll(List.of(more));
        return Tools.run(Duration.ofMinutes(5), cmd);
    }

    private static String pushedDigest(ToolResult r) {
        Matcher m = Pattern.compile("pushed \\S+@(sha256:[0-9a-f]{64})").matcher(r.stderr() + r.stdout());
        assertTrue(m.find(), "no pushed digest in the output:\n" + r.describe());
        return m.group(1);
    }

    @Test
    void copyOnlyMultiStageBuildAsNobodyPushesTheImageRootPushes() throws IOException {
        String reg = TestEnv.registry();
        String base = reg + "/busybox:layers";
        Path ctx = context("copy-only", """
                FROM scratch AS files
                COPY --chown=1000:1000 --chmod=750 app/ /app/
                COPY --chmod=0604 app/hello.txt /etc/hello

                FROM %s
                COPY --from=files --chown=1000:1000 /app /opt/app
                COPY --from=files /etc/hello /etc/hello
                COPY --chown=1000:1000 --chmod=640 app/hello.txt /home/h.txt
                COPY --from=%s /data /data2
                COPY --from=%s /tmp /copied-tmp
                COPY --from=%s /etc /copied-etc
                """.formatted(base, base, base, base));
        String repo = reg + "/test/nonroot-" + UUID.randomUUID().toString().substring(0, 8);
        ToolResult asRoot = kiln(false, ctx, repo + ":root");
        assertEquals(0, asRoot.exitCode(), asRoot.describe());
        ToolResult asNobody = kiln(true, ctx, repo + ":nobody");
        assertEquals(0, asNobody.exitCode(), asNobody.describe());
        assertTrue(asNobody.stderr().contains("running as uid 65534 gid 65534 (not root)"), asNobody.describe());
        assertTrue(asNobody.stderr().contains("isolation: none needed (no RUN), running as uid 65534 gid 65534 (not root)"),
                asNobody.describe());
        assertEquals(pushedDigest(asRoot), pushedDigest(asNobody), "the same build as root and as nobody:\n" + asNobody.describe());
        assertTrue(asNobody.stderr().contains("paths carry owners, modes or devices not set on disk"), asNobody.describe());
    }

    @Test
    void runAsNobodyFailsBeforeAnyWorkNamingTheWaysOut() throws IOException {
        String reg = TestEnv.registry();
        Path ctx = context("run", """
                FROM %s/busybox:latest
                COPY app/hello.txt /hello
                RUN echo hi
                """.formatted(reg));
        ToolResult r;
        try (NonRootKiln refused = NonRootKiln.create("kiln-nonroot-refused-")) { // user namespaces refused
            r = refused.build(NonRootKiln.Userns.REFUSED, ctx, reg + "/test/nonroot-run:never");
        }
        assertNotEquals(0, r.exitCode(), r.describe());
        String out = r.stderr() + r.stdout();
        assertTrue(out.contains("Dockerfile:3: RUN needs root or a user namespace: kiln runs as uid 65534 (not root)"), r.describe());
        assertTrue(out.contains("run kiln as root (runAsUser: 0)"), r.describe());
        assertFalse(out.contains("resolving base image"), "no work before the failure:\n" + r.describe());
    }

    @Test
    void inPlaceAsNobodyIsRefusedBeforeAnyWork() throws IOException {
        String reg = TestEnv.registry();
        Path ctx = context("in-place", "FROM %s/busybox:latest\nCOPY app/hello.txt /hello\n".formatted(reg));
        ToolResult r = kiln(true, ctx, reg + "/test/nonroot-in-place:never", "--isolation", "in-place", "--force");
        assertNotEquals(0, r.exitCode(), r.describe());
        String out = r.stderr() + r.stdout();
        assertTrue(out.contains("--isolation in-place needs root"), r.describe());
        assertTrue(out.contains("kiln runs as uid 65534 (not root)"), r.describe());
        assertFalse(out.contains("resolving base image"), "no work before the failure:\n" + r.describe());
    }
}
