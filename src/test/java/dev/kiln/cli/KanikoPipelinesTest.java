package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 13's acceptance: Kaniko command lines from the deploy recipes of Kaniko's docs (a GitLab CI job, Kubernetes
 * pod args with the warmer, the Tekton catalog's kaniko Task) run unchanged — only the registry is the test one on
 * 127.0.0.1, which needs no --insecure flag (go-containerregistry's loopback rule).
 */
class KanikoPipelinesTest {
    @TempDir Path tmp;

    private final String reg = TestEnv.registry();

    private Path project() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("app.txt"), "pipeline app\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM %s/busybox:latest
                COPY app.txt /app/app.txt
                RUN echo built > /app/built.txt && cat /app/app.txt
                RUN mkdir -p /app/more && echo more > /app/more/f
                CMD ["cat", "/app/app.txt", "/app/built.txt", "/app/more/f"]
                """.formatted(reg));
        return dir;
    }

    private void assertPushedAndRuns(String dest, Path digestFile) throws Exception {
        String digest = Files.readString(digestFile).trim();
        assertEquals(digest, Tools.skopeoInspect(dest).get("Digest").asText());
        ToolResult run = Tools.runImage(dest);
        assertEquals("pipeline app\nbuilt\nmore\n", run.stdout(), run.toString());
    }

    /** GitLab CI: {@code /kaniko/executor --context ... --dockerfile ... --destination ...} plus the flags CI templates add. */
    @Test
    void gitlabCiJob() throws Exception {
        Path project = project();
        String dest = reg + "/kaniko-pipelines/gitlab:" + System.nanoTime();
        Path digest = tmp.resolve("digest");
        ToolResult r = Kiln.run("executor",
                "--context", "dir://" + project,
                "--dockerfile", project + "/Dockerfile",
                "--destination", dest,
                "--cache=true", "--cache-ttl=24h", "--snapshot-mode=redo", "--use-new-run", "--single-snapshot",
                "--cleanup", "--digest-file", digest.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--use-new-run is ignored") && r.stderr().contains("--snapshot-mode=redo"), r.stderr());
        assertPushedAndRuns(dest, digest);

        ToolResult again = Kiln.run("executor", "--context", "dir://" + project, "--dockerfile", project + "/Dockerfile",
                "--destination", dest, "--cache=true", "--cache-ttl=24h", "--snapshot-mode=redo", "--use-new-run",
                "--single-snapshot", "--cleanup", "--digest-file", digest.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertPushedAndRuns(dest, digest);
    }

    /** Kubernetes: the warmer pod fills /cache, the executor pod reads it (Kaniko README's pod args). */
    @Test
    void kubernetesPodArgsWithWarmer() throws Exception {
        Path project = project();
        Path cache = tmp.resolve("cache");
        ToolResult warm = Kiln.run("warmer", "--cache-dir=" + cache, "--image=" + reg + "/busybox:latest");
        assertEquals(0, warm.exitCode(), warm.toString());

        String dest = reg + "/kaniko-pipelines/k8s:" + System.nanoTime();
        Path digest = tmp.resolve("digest");
        ToolResult r = Kiln.run("executor", "--dockerfile=Dockerfile", "--context=dir://" + project, "--destination=" + dest,
                "--cache", "--cache-dir=" + cache, "--digest-file=" + digest, "--image-name-with-digest-file=" + tmp.resolve("names"));
        assertEquals(0, r.exitCode(), r.toString());
        assertPushedAndRuns(dest, digest);
    }

    /** Tekton catalog's kaniko Task: $(params.EXTRA_ARGS) then its fixed args. */
    @Test
    void tektonTaskArgs() throws Exception {
        Path workspace = tmp.resolve("workspace");
        Path project = project();
        Files.createDirectories(workspace);
        Files.move(project, workspace.resolve("source"));
        String dest = reg + "/kaniko-pipelines/tekton:" + System.nanoTime();
        Path digest = tmp.resolve("IMAGE_DIGEST");
        List<String> args = new ArrayList<>(List.of("executor",
                "--reproducible", "--ignore-path=/product_uuid", "--log-format=text", "--verbosity=info", "--skip-tls-verify",
                "--dockerfile=./Dockerfile", "--context=" + workspace + "/source/", "--destination=" + dest,
                "--digest-file=" + digest));
        ToolResult r = Kiln.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().lines().allMatch(l -> l.startsWith("time=\"")), "--log-format=text: " + r.stderr());
        assertPushedAndRuns(dest, digest);
    }
}
