package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 part 2, RUN without root: kiln as uid 65534 with no capabilities runs RUN as root of a user namespace
 * mapped to its uid (real setpriv, unshare, newuidmap; real registry; the image run with runc). With subordinate ids
 * (a private /etc/subuid and /etc/subgid, {@link NonRootKiln}) owners set in RUN reach the layers as the namespace
 * saw them, so the image is the one the same build makes as root, and apt-get installs a package; with root mapped
 * alone, RUN as root works and RUN as another user fails saying why.
 */
class NonRootRunBuildTest {
    private static NonRootKiln kiln;

    @BeforeAll
    static void setUp() throws IOException {
        kiln = NonRootKiln.create("kiln-nonroot-run-");
    }

    @AfterAll
    static void tearDown() {
        if (kiln != null) kiln.close();
    }

    private static String repo(String name) {
        return TestEnv.registry() + "/test/nonroot-run-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String pushedDigest(ToolResult r) {
        Matcher m = Pattern.compile("pushed \\S+@(sha256:[0-9a-f]{64})").matcher(r.stderr() + r.stdout());
        assertTrue(m.find(), "no pushed digest in the output:\n" + r.describe());
        return m.group(1);
    }

    @Test
    void chownInRunAsNobodyGivesTheLayerTheNamespaceOwnersAndTheImageRootBuilds() throws IOException {
        Path ctx = kiln.context("chown", """
                FROM %s/busybox:latest
                RUN echo hi > /f && chown 1000:1000 /f \\
                    && mkdir /d && echo x > /d/secret && chmod 0600 /d/secret && chown -R 1234:5678 /d && chmod 0700 /d \\
                    && touch /mode0 && chmod 0 /mode0
                RUN cat /d/secret > /seen && stat -c %%u:%%g /f /d >> /seen && id -u >> /seen
                """.formatted(TestEnv.registry()));
        String repo = repo("chown");
        ToolResult asNobody = kiln.build(NonRootKiln.Userns.RANGES, ctx, repo + ":nobody");
        assertEquals(0, asNobody.exitCode(), asNobody.describe());
        String out = asNobody.stderr() + asNobody.stdout();
        assertTrue(out.contains("isolation auto: using chroot because kiln is not root (uid 65534): RUN runs as root of a user"
                + " namespace mapping root to uid 65534 and ids 1-65535 to its subordinate ids"), asNobody.describe());

        ToolResult asRoot = Kiln.run("build", "-c", ctx.toString(), "-d", repo + ":root", "--insecure", "--insecure-pull",
                "--reproducible", "--isolation", "chroot");
        assertEquals(0, asRoot.exitCode(), asRoot.toString());
        assertEquals(pushedDigest(asRoot), pushedDigest(asNobody), "the same build as root and as nobody:\n" + asNobody.describe());

        ToolResult check = Tools.runImage(repo + ":nobody", "sh", "-c", "stat -c '%u:%g %a %n' /f /d /mode0; cat /seen");
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals("""
                1000:1000 644 /f
                1234:5678 700 /d
                0:0 0 /mode0
                x
                1000:1000
                1234:5678
                0
                """, check.stdout());
    }

    @Test
    void withSingleSnapshotTheOneLayerCarriesTheNamespaceOwnersToo() throws IOException {
        Path ctx = kiln.context("single", """
                FROM %s/busybox:latest
                RUN echo hi > /f && chown 1000:1000 /f && mkdir /d && chown 1234:5678 /d && chmod 0700 /d
                RUN echo more >> /f && touch /d/g && chown 1234:5678 /d/g && rm -f /bin/vi
                """.formatted(TestEnv.registry()));
        String repo = repo("single");
        ToolResult asNobody = kiln.build(NonRootKiln.Userns.RANGES, ctx, repo + ":nobody", "--single-snapshot");
        assertEquals(0, asNobody.exitCode(), asNobody.describe());
        ToolResult asRoot = Kiln.run("build", "-c", ctx.toString(), "-d", repo + ":root", "--insecure", "--insecure-pull",
                "--reproducible", "--isolation", "chroot", "--single-snapshot");
        assertEquals(0, asRoot.exitCode(), asRoot.toString());
        assertEquals(pushedDigest(asRoot), pushedDigest(asNobody), "the same build as root and as nobody:\n" + asNobody.describe());
    }

    @Test
    void aptGetInstallAsNobodyWithSubordinateIdsAndTheImageRuns() throws IOException {
        Path ctx = kiln.context("apt", """
                FROM %s/debian:bookworm
                RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
                RUN useradd -u 1500 -m app && chown app:app /home/app && stat -c %%U:%%G /etc/shadow > /shadow-owner
                CMD ["hello"]
                """.formatted(TestEnv.registry()));
        String dest = repo("apt") + ":1";
        ToolResult r = kiln.build(NonRootKiln.Userns.RANGES, ctx, dest);
        assertEquals(0, r.exitCode(), r.describe());
        ToolResult run = Tools.runImage(dest);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Hello, world!\n", run.stdout());
        ToolResult check = Tools.runImage(dest, "sh", "-c",
                "cat /shadow-owner; stat -c '%U:%G' /etc/shadow /home/app; id -u app");
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals("root:shadow\nroot:shadow\napp:app\n1500\n", check.stdout(), "useradd kept /etc/shadow's group");
    }

    @Test
    void withOnlyRootMappedRunAsRootWorksAndAnotherUserIsRefusedSayingWhy() throws IOException {
        Path ok = kiln.context("root-only", """
                FROM %s/busybox:latest
                RUN echo hi > /f && id -u > /uid
                """.formatted(TestEnv.registry()));
        String dest = repo("root-only") + ":1";
        ToolResult r = kiln.build(NonRootKiln.Userns.ROOT_ONLY, ok, dest);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue((r.stderr() + r.stdout()).contains("mapping only root to uid 65534 (no subordinate uids"), r.describe());
        ToolResult check = Tools.runImage(dest, "sh", "-c", "stat -c '%u:%g' /f; cat /uid");
        assertEquals("0:0\n0\n", check.stdout(), check.toString());

        // allowPrivilegeEscalation: false: subordinate ids exist, but the setuid newuidmap cannot map them
        ToolResult nnp = kiln.build(NonRootKiln.Userns.RANGES_NO_NEW_PRIVS, ok, repo("root-only") + ":nnp");
        assertEquals(0, nnp.exitCode(), nnp.describe());
        assertTrue((nnp.stderr() + nnp.stdout()).contains("mapping only root to uid 65534 (unshare --map-auto failed: "), nnp.describe());
        assertTrue((nnp.stderr() + nnp.stdout()).contains("NoNewPrivs is set (allowPrivilegeEscalation: false)"), nnp.describe());

        Path other = kiln.context("root-only-user", """
                FROM %s/busybox:latest
                USER 1000
                RUN id -u
                """.formatted(TestEnv.registry()));
        ToolResult refused = kiln.build(NonRootKiln.Userns.ROOT_ONLY, other, repo("root-only") + ":never");
        assertNotEquals(0, refused.exitCode(), refused.describe());
        assertTrue((refused.stderr() + refused.stdout()).contains("RUN as user 1000:0 needs ids that kiln's user namespace does not map"),
                refused.describe());
    }
}
