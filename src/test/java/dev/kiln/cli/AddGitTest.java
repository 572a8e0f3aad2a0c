package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ADD of a git repository (JGit) served by a real {@code git daemon} on loopback. */
class AddGitTest {
    @TempDir Path tmp;

    @Test
    void addGitRefSubdirAndKeepGitDir() throws Exception {
        String reg = TestEnv.registry();
        Tools.requireTool("git");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("g.txt"), "gitfile\n");
        Files.createDirectories(work.resolve("sub"));
        Files.writeString(work.resolve("sub/s.txt"), "s\n");
        git(work, "init", "-q", "-b", "main");
        git(work, "add", ".");
        git(work, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
        git(work, "tag", "v1");
        Path srv = Files.createDirectories(tmp.resolve("srv"));
        Tools.run("git", "clone", "-q", "--bare", work.toString(), srv.resolve("repo.git").toString()).requireOk();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + srv, srv.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("daemon.log").toFile()).start();
        try {
            waitForPort(port);
            Path ctx = Files.createDirectories(tmp.resolve("ctx"));
            String url = "git://127.0.0.1:" + port + "/repo.git";
            Files.writeString(ctx.resolve("Dockerfile"), """
                    ARG REGISTRY
                    FROM ${REGISTRY}/busybox:latest
                    ADD %s#v1 /repo/
                    ADD --keep-git-dir %s#main:sub /sub/
                    ADD --keep-git-dir %s /full/
                    """.formatted(url, url, url));
            String dest = reg + "/test/stages-add-git:1";
            ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull",
                    "--build-arg", "REGISTRY=" + reg);
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("", r.stdout());
            ToolResult check = Tools.runImage(dest, "sh", "-c",
                    "cat /repo/g.txt /sub/s.txt; ls -a /repo | grep -c .git; [ -d /full/.git ] && echo kept");
            assertEquals("gitfile\ns\n0\nkept\n", check.stdout(), check.toString());
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Tools.run(java.time.Duration.ofMinutes(1), cmd).requireOk();
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("git daemon did not start on port " + port);
    }
}
