package dev.kiln.cli;

import dev.kiln.context.source.RemoteFixtures;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 8: every --context scheme builds the same small Dockerfile against real servers on 127.0.0.1 and pushes
 * the same image (--reproducible, so the same digest) as the plain directory build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextSchemesTest {
    @TempDir static Path tmp;
    private Path ctx;
    private String expected;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void baseline() throws Exception {
        ctx = RemoteFixtures.writeContext(tmp.resolve("ctx"));
        expected = build("dir", Map.of(), "-c", ctx.toString());
        ToolResult cat = Tools.runImage(TestEnv.registry() + "/test/context-dir:1", "cat", "/hello.txt", "/all/hello.txt");
        assertEquals("hello from a remote context\nhello from a remote context\n", cat.stdout(), cat.toString());
        assertNotEquals(0, Tools.runImage(TestEnv.registry() + "/test/context-dir:1", "cat", "/all/secret.txt").exitCode());
    }

    /** Builds with these args, pushes to test/context-NAME:1, checks the registry has it; returns the digest. */
    private String build(String name, Map<String, String> env, String... args) throws Exception {
        String reg = TestEnv.registry();
        String dest = reg + "/test/context-" + name + ":1";
        Path digest = tmp.resolve("digest-" + name);
        List<String> all = new ArrayList<>(List.of("build", "-d", dest, "--insecure", "--insecure-pull", "--reproducible",
                "--build-arg", "REGISTRY=" + reg, "--digest-file", digest.toString()));
        all.addAll(List.of(args));
        ToolResult r = Kiln.run(env, all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        String d = Files.readString(digest).trim();
        assertEquals(d, Tools.skopeoInspect(dest).get("Digest").asText(), "the pushed image is the one built");
        return d;
    }

    private void assertSameImage(String name, Map<String, String> env, String... args) throws Exception {
        assertEquals(expected, build(name, env, args), name + " context must give the same image as the directory");
    }

    @Test
    void dirPrefix() throws Exception {
        assertSameImage("dir-prefix", Map.of(), "-c", "dir://" + ctx);
    }

    @Test
    void tarGzTarZstdXzAndBzip2Files() throws Exception {
        for (String c : List.of("gzip", "none", "zstd", "xz", "bzip2")) {
            Path t = RemoteFixtures.tar(ctx, tmp.resolve("ctx-" + c + ".tar"), c, "");
            assertSameImage("tar-" + c, Map.of(), "-c", "tar://" + t);
        }
    }

    @Test
    void tarFromStdin() throws Exception {
        Path t = RemoteFixtures.tar(ctx, tmp.resolve("stdin.tar.gz"), "gzip", "");
        String reg = TestEnv.registry();
        Path digest = tmp.resolve("digest-stdin");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "build", "-c", "tar://stdin", "-d", reg + "/test/context-stdin:1", "--insecure", "--insecure-pull",
                "--reproducible", "--build-arg", "REGISTRY=" + reg, "--digest-file", digest.toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(t.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("stdin.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stdin.log")));
        assertEquals(expected, Files.readString(digest).trim());
    }

    @Test
    void tarWithSubPath() throws Exception {
        Path t = RemoteFixtures.tar(ctx, tmp.resolve("nested.tar.gz"), "gzip", "project/sub/");
        assertSameImage("tar-subpath", Map.of(), "-c", "tar://" + t, "--context-sub-path", "project/sub");
    }

    @Test
    void s3() throws Exception {
        Path t = RemoteFixtures.tar(ctx, tmp.resolve("s3.tar.gz"), "gzip", "");
        RemoteFixtures.s3Put("kiln/" + run + "/ctx.tar.gz", t);
        assertSameImage("s3", s3Env(), "-c", "s3://kiln/" + run + "/ctx.tar.gz");
    }

    @Test
    void gcs() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("0".equals(System.getenv("KILN_TEST_GCS")), "KILN_TEST_GCS=0: no GCS emulator");
        Path t = RemoteFixtures.tar(ctx, tmp.resolve("gcs.tar.gz"), "gzip", "");
        RemoteFixtures.gcsPut("kiln/" + run + "/ctx.tar.gz", t);
        assertSameImage("gcs", Map.of("STORAGE_EMULATOR_HOST", TestEnv.require("KILN_TEST_GCS_ENDPOINT")),
                "-c", "gs://kiln/" + run + "/ctx.tar.gz");
    }

    @Test
    void azureBlob() throws Exception {
        Path t = RemoteFixtures.tar(ctx, tmp.resolve("az.tar.gz"), "gzip", "");
        RemoteFixtures.azurePut("kiln/" + run + "/ctx.tar.gz", t);
        assertSameImage("azure", Map.of("AZURE_STORAGE_CONNECTION_STRING", TestEnv.require("KILN_TEST_AZURE_CONNECTION_STRING")),
                "-c", "https://devstoreaccount1.blob.core.windows.net/kiln/" + run + "/ctx.tar.gz");
    }

    /** Any other http(s) URL is a tarball; --dockerfile may be a URL too. Served by the JDK's own file server. */
    @Test
    void httpTarballAndDockerfileUrl() throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        RemoteFixtures.tar(ctx, www.resolve("ctx.tar.gz"), "gzip", "");
        Files.copy(ctx.resolve("Dockerfile"), www.resolve("Dockerfile.remote"));
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                www, SimpleFileServer.OutputLevel.NONE);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertSameImage("https-tar", Map.of(), "-c", base + "/ctx.tar.gz");
            Files.delete(ctx.resolve("Dockerfile"));
            try {
                assertSameImage("dockerfile-url", Map.of(), "-c", ctx.toString(), "-f", base + "/Dockerfile.remote");
            } finally {
                Files.copy(www.resolve("Dockerfile.remote"), ctx.resolve("Dockerfile"));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void gitOverHttpDaemonAndHttps() throws Exception {
        String http = TestEnv.require("KILN_TEST_GIT_HTTP");
        String repoDir = TestEnv.require("KILN_TEST_GIT_REPO_DIR");
        String first = RemoteFixtures.gitRepo(http, repoDir, "ctx-" + run, ctx);
        pushSecondCommit(Path.of(repoDir, "ctx-" + run + ".git"), first);
        String hostPath = "127.0.0.1:" + java.net.URI.create(http).getPort() + "/ctx-" + run + ".git";
        assertSameImage("git-http-branch", Map.of("GIT_PULL_METHOD", "http"), "-c", "git://" + hostPath + "#refs/heads/ctx");
        assertSameImage("git-http-commit", Map.of("GIT_PULL_METHOD", "http"), "-c", "git://" + hostPath + "#" + first);
        String daemon = TestEnv.require("KILN_TEST_GIT_DAEMON").replaceFirst("^git://", "");
        assertSameImage("git-daemon", Map.of("GIT_PULL_METHOD", "git"), "-c", "git://" + daemon + "/ctx-" + run + ".git",
                "--git", "branch=ctx,single-branch=true");
        assertSameImage("git-https", Map.of(), "-c", TestEnv.require("KILN_TEST_GIT_HTTPS") + "/ctx-" + run + ".git",
                "--git", "branch=ctx", "--git", "insecure-skip-tls=true");
    }

    @Test
    void gitWithCredentials() throws Exception {
        String http = TestEnv.require("KILN_TEST_GIT_AUTH_HTTP");
        String first = RemoteFixtures.gitRepo(http, TestEnv.require("KILN_TEST_GIT_AUTH_REPO_DIR"), "ctx-" + run, ctx);
        assertFalse(first.isEmpty());
        String url = http + "/ctx-" + run + ".git";
        assertSameImage("git-auth", Map.of("GIT_USERNAME", TestEnv.require("KILN_TEST_GIT_AUTH_USER"),
                "GIT_TOKEN", TestEnv.require("KILN_TEST_GIT_AUTH_PASSWORD")), "-c", url);
        ToolResult bad = Kiln.run(Map.of("GIT_USERNAME", "kiln", "GIT_PASSWORD", "wrong"), "build", "-c", url, "--no-push");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.stderr().contains("git authentication failed"), bad.stderr());
        assertFalse(bad.stderr().contains("wrong"), "the password is never printed: " + bad.stderr());
    }

    /** Branch ctx = the context's commit; main moves on with a different hello.txt. */
    private void pushSecondCommit(Path bare, String first) throws Exception {
        git(bare, "branch", "ctx", first);
        Path work = tmp.resolve("work-" + run);
        git(tmp, "clone", "-q", bare.toString(), work.toString());
        Files.writeString(work.resolve("hello.txt"), "changed on main\n");
        git(work, "-c", "user.name=kiln", "-c", "user.email=kiln@example.invalid", "commit", "-q", "-am", "second");
        git(work, "push", "-q", "origin", "HEAD:refs/heads/main");
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        ToolResult r = Tools.run(Tools.DEFAULT_TIMEOUT, cmd);
        assertEquals(0, r.exitCode(), r.toString());
    }

    static Map<String, String> s3Env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", TestEnv.require("KILN_TEST_S3_ACCESS_KEY"));
        env.put("AWS_SECRET_ACCESS_KEY", TestEnv.require("KILN_TEST_S3_SECRET_KEY"));
        env.put("AWS_REGION", TestEnv.require("KILN_TEST_S3_REGION"));
        env.put("S3_ENDPOINT", TestEnv.require("KILN_TEST_S3_ENDPOINT"));
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }
}
