package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 part 3: each failure is one line naming what and where (the Dockerfile as given, its line, the registry
 * host and the network cause, the credentials' origin), with the documented exit code and no stack trace.
 * Real parts: a closed port, the testbed's TLS and basic-auth registries, runc.
 */
class ErrorMessagesTest {
    @TempDir Path tmp;

    private Path context(String dockerfileName, String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve(dockerfileName), dockerfile);
        Files.writeString(ctx.resolve("f.txt"), "x\n");
        return ctx;
    }

    /** One "error:" line, exit 1, no stack trace; returns that line. */
    private static String failsOnce(ToolResult r, int exit) {
        assertEquals(exit, r.exitCode(), r.toString());
        String errors = r.stderr().lines().filter(l -> l.startsWith("error: ")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(1, errors.lines().count(), "one error line:\n" + r.stderr());
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), "no stack trace:\n" + r.stderr());
        assertFalse(r.stderr().contains("(null)"), r.stderr());
        return errors.strip();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void dockerfileErrorsNameTheFileAsGiven() throws Exception {
        Path ctx = context("prod.Dockerfile", "FROM scratch\nFROBNICATE x\n");
        String line = failsOnce(Kiln.run("build", "-c", ctx.toString(), "-f", "prod.Dockerfile", "--no-push"), 1);
        assertTrue(line.startsWith("error: prod.Dockerfile:2: "), line);
    }

    @Test
    void aMissingContextDirectoryDoesNotExist() {
        Path missing = tmp.resolve("no-such-context");
        String line = failsOnce(Kiln.run("build", "-c", missing.toString(), "--no-push"), 1);
        assertEquals("error: build context " + missing + " does not exist", line);
    }

    @Test
    void fromOnAClosedPortSaysConnectionRefusedWithoutRetrying() throws Exception {
        String reg = "127.0.0.1:" + closedPort();
        Path ctx = context("Dockerfile", "FROM " + reg + "/base:1\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "-v", "debug");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("error: Dockerfile:1: failed to resolve base image " + reg + "/base:1: cannot reach registry "
                + reg + ": connection refused\n"), r.stderr());
        assertFalse(r.stderr().contains("retrying "), "a refused connection is not retried:\n" + r.stderr());
    }

    @Test
    void pushToAnUnreachableRegistryIsNotAPermissionProblem() throws Exception {
        String reg = "127.0.0.1:" + closedPort();
        Path ctx = context("Dockerfile", "FROM scratch\nCOPY f.txt /\n");
        String line = failsOnce(Kiln.run("build", "-c", ctx.toString(), "-d", reg + "/app:1"), 1);
        assertEquals("error: cannot push to " + reg + "/app: cannot reach registry " + reg + ": connection refused", line);
    }

    @Test
    void anUnknownHostIsADnsError() throws Exception {
        Path ctx = context("Dockerfile", "FROM registry.no-such-host.invalid/base:1\n");
        String line = failsOnce(Kiln.run("build", "-c", ctx.toString(), "--no-push"), 1);
        assertTrue(line.endsWith("cannot reach registry registry.no-such-host.invalid: https: DNS: cannot resolve host registry.no-such-host.invalid"), line);
    }

    @Test
    void anUntrustedCertificateIsATlsError() throws Exception {
        String reg = TestEnv.tlsRegistry();
        Path ctx = context("Dockerfile", "FROM " + reg + "/busybox:latest\n");
        String line = failsOnce(Kiln.run("build", "-c", ctx.toString(), "--no-push"), 1);
        assertTrue(line.contains("cannot reach registry " + reg + ": ") && line.contains("TLS handshake failed: certificate not signed by a trusted CA")
                && line.contains("--registry-certificate"), line);
    }

    @Test
    void aWrongPasswordIsRejectedCredentialsFromTheirConfigEntryNotMissingOnes() throws Exception {
        String authReg = TestEnv.authRegistry();
        String secret = "wrong-" + TestEnv.registryPassword();
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        String auth = Base64.getEncoder().encodeToString((TestEnv.registryUser() + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"http://" + authReg + "\":{\"auth\":\"" + auth + "\"}}}");
        Path ctx = context("Dockerfile", "FROM " + authReg + "/test/base:1\n");

        ToolResult wrong = Kiln.run(Map.of("DOCKER_CONFIG", docker.toString()), "build", "-c", ctx.toString(), "--no-push");
        String line = failsOnce(wrong, 1);
        assertTrue(line.contains("HTTP 401 Unauthorized: the registry rejected the credentials for " + authReg + " from "
                + docker.resolve("config.json") + ", auths entry \"http://" + authReg + "\""), line);
        assertFalse(wrong.stderr().contains(secret) || wrong.stderr().contains(auth), "the secret never shows");

        ToolResult none = Kiln.run(Map.of("DOCKER_CONFIG", tmp.resolve("empty").toString()), "build", "-c", ctx.toString(), "--no-push");
        String missing = failsOnce(none, 1);
        assertTrue(missing.contains("HTTP 401 Unauthorized: no credentials for " + authReg + " (" + tmp.resolve("empty/config.json")
                + " does not exist)"), missing);
    }

    @Test
    void aRunThatCannotStartSaysWhyWithoutTheRuntimesLogLine() throws Exception {
        Path ctx = context("Dockerfile", "FROM " + TestEnv.registry() + "/busybox:latest\nRUN [\"/no-such-binary\"]\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--isolation", "oci");
        String line = failsOnce(r, 127);
        assertEquals("error: Dockerfile:2: process \"/no-such-binary\" could not be started: exec: \"/no-such-binary\": "
                + "stat /no-such-binary: no such file or directory: exit code: 127", line);
        assertFalse(r.stderr().contains("level=error"), r.stderr());
    }

    @Test
    void aStackTraceOnlyWithDebug() throws Exception {
        Path ctx = context("Dockerfile", "FROM scratch\nCOPY missing.txt /\n");
        failsOnce(Kiln.run("build", "-c", ctx.toString(), "--no-push"), 1);
        ToolResult debug = Kiln.run("build", "-c", ctx.toString(), "--no-push", "-v", "debug");
        assertEquals(1, debug.exitCode(), debug.toString());
        assertTrue(debug.stderr().contains("\tat dev.kiln."), debug.stderr());
    }

    @Test
    void secretLookingArgAndEnvNamesWarnWithTheirLineAsBuildKit() throws Exception {
        Path ctx = context("prod.Dockerfile", "FROM scratch\nARG PASSWORD\nENV PUBLIC_KEY=k\nCOPY f.txt /\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-f", "prod.Dockerfile", "--no-push", "--build-arg", "PASSWORD=hunter2");
        assertEquals(0, r.exitCode(), r.toString());
        // WARN[<seconds since start>]: the seconds are not asserted (a loaded machine may take over 1 s to get there)
        assertTrue(java.util.regex.Pattern.compile("WARN\\[\\d+] " + java.util.regex.Pattern.quote("prod.Dockerfile:2: SecretsUsedInArgOrEnv: "
                + "Do not use ARG or ENV instructions for sensitive data (ARG \"PASSWORD\")")).matcher(r.stderr()).find(), r.stderr());
        assertFalse(r.stderr().contains("PUBLIC_KEY\")") || r.stderr().contains("hunter2"), r.stderr());
    }
}
