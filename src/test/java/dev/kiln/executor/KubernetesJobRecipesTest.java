package dev.kiln.executor;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** deploy/kubernetes: each Job validated against the Kubernetes schema, then its containers run under containerd. */
@ExtendWith(ExecutorImageExtension.class)
class KubernetesJobRecipesTest {
    @TempDir Path tmp;

    private static PodSpec validate(Path file) throws Exception {
        Job job = StrictModel.read(file, Job.class);
        assertEquals("batch/v1", job.getApiVersion());
        assertEquals("Job", job.getKind());
        PodSpec spec = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", spec.getRestartPolicy());
        Container kiln = spec.getContainers().getFirst();
        assertEquals(Recipe.EXECUTOR, kiln.getImage());
        assertFalse(kiln.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(kiln.getSecurityContext().getCapabilities().getDrop().contains("ALL"));
        assertTrue(PodContainer.DEFAULT_CAPS.containsAll(kiln.getSecurityContext().getCapabilities().getAdd()));
        return spec;
    }

    @Test
    void secretIsAKubernetesSecret() throws Exception {
        var s = StrictModel.read(Path.of(System.getProperty("kiln.basedir", "."), "deploy/kubernetes/docker-config-secret.yaml"),
                io.fabric8.kubernetes.api.model.Secret.class);
        assertEquals("kubernetes.io/dockerconfigjson", s.getType());
        assertTrue(s.getStringData().containsKey(".dockerconfigjson"));
    }

    /** Runs the kiln container of {@code spec} with the pod's volumes; returns after checking the pushed image. */
    private void runKiln(PodSpec spec, Recipe recipe, ExecutorImage image, Pod pod, String dest) throws Exception {
        Container kiln = spec.getContainers().getFirst();
        Map<String, String> volumes = Map.of("context", pod.workspace().toString(), "docker-config", pod.dockerConfig().toString());
        List<String> opts = new ArrayList<>(PodContainer.options(kiln, volumes, Map.of()));
        opts.addAll(List.of("-v", pod.serviceAccount() + ":" + Pod.SA_DIR + ":ro"));   // as if automounted
        List<String> argv = new ArrayList<>(recipe.apply(PodContainer.argv(kiln, image.entrypoint())));
        argv.addAll(List.of("--insecure", "--insecure-pull"));   // the loopback registry speaks plain HTTP
        ToolResult r = Ctr.run(InPlaceBuildsTest.BUILD, opts, recipe.apply(kiln.getImage()), argv);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("job\n", Tools.runImage(dest).requireOk().stdout());
        Pod.assertNoPodFilesIn(LayerEntries.added(LayerEntries.of(dest, tmp), 1));
    }

    private static String dockerfile() {
        return "FROM %s/busybox:latest\nRUN echo job > /out\nCMD [\"cat\", \"/out\"]\n".formatted(TestEnv.registry());
    }

    @Test
    void jobWithContextOnAVolume(ExecutorImage image) throws Exception {
        String dest = TestEnv.registry() + "/test/recipe-job:1";
        Recipe recipe = Recipe.of("kubernetes/job.yaml", image, dest);
        PodSpec spec = validate(recipe.file());
        Pod pod = Pod.create(tmp, dockerfile());
        runKiln(spec, recipe, image, pod, dest);
        pod.assertIntact(dockerfile());
    }

    @Test
    void jobWithContextFromGit(ExecutorImage image) throws Exception {
        String dest = TestEnv.registry() + "/test/recipe-job-git:1";
        String url = "https://git.example.com/team/app.git";
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("Dockerfile"), dockerfile());
        Path bare = tmp.resolve("app.git");
        Tools.run("git", "init", "-q", "-b", "main", src.toString()).requireOk();
        Tools.run("git", "-C", src.toString(), "add", "Dockerfile").requireOk();
        Tools.run("git", "-C", src.toString(), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "ctx").requireOk();
        Tools.run("git", "clone", "-q", "--bare", src.toString(), bare.toString()).requireOk();
        Recipe recipe = Recipe.of("kubernetes/job-git.yaml", image, dest).with(url, "file://" + bare);
        PodSpec spec = validate(recipe.file());
        Pod pod = Pod.create(tmp, dockerfile());
        Files.delete(pod.workspace().resolve("Dockerfile"));
        Files.delete(pod.workspace().resolve("file.txt"));
        // the init container's exact args, run by this machine's git (alpine/git is not in the offline registry)
        List<String> clone = new ArrayList<>(List.of("git"));
        clone.addAll(recipe.with("/workspace", pod.workspace().toString()).apply(spec.getInitContainers().getFirst().getArgs()));
        Tools.run(Duration.ofMinutes(1), clone).requireOk();
        runKiln(spec, recipe, image, pod, dest);
    }

    @Test
    void jobWithContextFromAnObjectStoreUrl(ExecutorImage image) throws Exception {
        String dest = TestEnv.registry() + "/test/recipe-job-s3:1";
        Recipe recipe = Recipe.of("kubernetes/job-s3.yaml", image, dest);
        PodSpec spec = validate(recipe.file());
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("Dockerfile"), dockerfile());
        Path tgz = tmp.resolve("ctx.tar.gz");
        Tools.run("tar", "-czf", tgz.toString(), "-C", src.toString(), ".").requireOk();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/bucket/ctx.tar.gz", ex -> {
            byte[] body = Files.readAllBytes(tgz);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Pod pod = Pod.create(tmp, dockerfile());
            Files.delete(pod.workspace().resolve("Dockerfile"));
            Container init = spec.getInitContainers().getFirst();
            String presigned = "http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/ctx.tar.gz";
            List<String> opts = PodContainer.options(init, Map.of("context", pod.workspace().toString()), Map.of("CONTEXT_URL", presigned));
            ToolResult fetched = Ctr.run(Duration.ofMinutes(2), opts, recipe.apply(init.getImage()), PodContainer.argv(init, List.of()));
            assertEquals(0, fetched.exitCode(), fetched.describe());
            assertTrue(Files.exists(pod.workspace().resolve("Dockerfile")), "init container unpacked the context");
            runKiln(spec, recipe, image, pod, dest);
        } finally {
            server.stop(0);
        }
    }
}
