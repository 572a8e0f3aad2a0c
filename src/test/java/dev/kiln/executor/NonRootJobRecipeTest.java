package dev.kiln.executor;

import dev.kiln.cli.Main;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17: deploy/kubernetes/job-nonroot.yaml, the Job under the "restricted" Pod Security profile. Its kiln command
 * line runs in the {@code :nonroot} executor image under containerd with the recipe's securityContext translated to
 * ctr flags (every capability dropped, NoNewPrivs, RuntimeDefault seccomp, read-only root filesystem; the image's own
 * User 65532:65532 is the recipe's runAsUser, which ctr 1.6 cannot set). A probe shell (the host's static busybox,
 * mounted read-only) prints the process's ids, capability sets, NoNewPrivs and seccomp mode, then execs the exact
 * command line, so what it prints is what kiln ran with.
 */
@ExtendWith(ExecutorImageExtension.class)
class NonRootJobRecipeTest {
    private static final String RECIPE = "kubernetes/job-nonroot.yaml";
    private static final String PROBE = """
            B=/probe/busybox
            $B grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status
            if $B touch /kiln/probe 2>/dev/null; then echo 'rootfs: writable'; else echo 'rootfs: read-only'; fi
            exec "$@"
            """;

    @TempDir Path tmp;

    private static Recipe recipe(NonRootImage image, String dest) {
        return Recipe.of(RECIPE, image, dest);
    }

    private static PodSpec spec(Path file) throws IOException {
        Job job = StrictModel.read(file, Job.class);
        assertEquals("Job", job.getKind());
        return job.getSpec().getTemplate().getSpec();
    }

    @Test
    void recipeIsAdmittedUnderTheRestrictedProfileAndTheRootRecipeIsNot() throws IOException {
        Path deploy = Path.of(System.getProperty("kiln.basedir", "."), "deploy");
        PodSpec spec = spec(deploy.resolve(RECIPE));
        assertEquals(List.of(), RestrictedProfile.violations(spec));
        Container kiln = spec.getContainers().getFirst();
        assertEquals(Recipe.NONROOT, kiln.getImage());
        assertTrue(kiln.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals("65532:65532", PodContainer.user(spec.getSecurityContext(), kiln));
        assertTrue(kiln.getArgs().contains("--kaniko-dir=/kiln/tmp"), "the work dir on the emptyDir: " + kiln.getArgs());
        // the checker itself: the in-place recipe runs as root with capabilities, which the profile refuses
        List<String> root = RestrictedProfile.violations(spec(deploy.resolve("kubernetes/job.yaml")));
        assertTrue(root.stream().anyMatch(v -> v.contains("runAsNonRoot")), root.toString());
        assertTrue(root.stream().anyMatch(v -> v.contains("adds capability CHOWN")), root.toString());
    }

    private static String dockerfile() {
        return """
                FROM scratch AS files
                COPY --chown=1000:1000 --chmod=750 file.txt /app/file.txt
                COPY --chmod=0604 file.txt /etc/hello

                FROM %s/busybox:latest
                COPY --from=files --chown=1000:1000 /app /app
                COPY --from=files /etc/hello /etc/hello
                COPY --chown=1000:1000 --chmod=640 file.txt /home/h.txt
                CMD ["stat", "-c", "%%u:%%g %%a %%n", "/app/file.txt", "/etc/hello", "/home/h.txt"]
                """.formatted(TestEnv.registry());
    }

    /** The recipe's kiln container with its volumes (an emptyDir: a 0777 directory, as a kubelet makes it), behind the probe. */
    private ToolResult runRecipe(NonRootImage image, Recipe recipe, Pod pod, List<String> extraArgs) throws IOException {
        PodSpec spec = spec(recipe.file());
        Container kiln = spec.getContainers().getFirst();
        assertEquals(PodContainer.user(spec.getSecurityContext(), kiln), image.user(),
                "ctr runs the image's User: it must be the recipe's runAsUser:runAsGroup");
        Path work = Files.createDirectories(tmp.resolve("emptydir-work"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path probe = Files.createDirectories(tmp.resolve("probe"));
        Files.copy(staticBusybox(), probe.resolve("busybox"));
        Files.setPosixFilePermissions(probe.resolve("busybox"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Map<String, String> volumes = Map.of("context", pod.workspace().toString(), "docker-config", pod.dockerConfig().toString(),
                "work", work.toString());
        List<String> opts = new ArrayList<>(PodContainer.options(kiln, volumes, Map.of()));
        assertTrue(opts.containsAll(List.of("--no-new-privs", "--seccomp", "--read-only")), opts.toString());
        for (String cap : PodContainer.DEFAULT_CAPS) assertTrue(opts.contains("CAP_" + cap), cap + " dropped: " + opts);
        opts.addAll(List.of("-v", probe + ":/probe:ro"));
        List<String> argv = new ArrayList<>(List.of("/probe/busybox", "sh", "-c", PROBE, "probe"));
        argv.addAll(recipe.apply(PodContainer.argv(kiln, image.entrypoint())));
        argv.addAll(List.of("--insecure", "--insecure-pull", "-v", "debug"));   // the loopback registry speaks plain HTTP
        argv.addAll(extraArgs);
        return Ctr.run(Duration.ofMinutes(5), opts, recipe.apply(kiln.getImage()), argv);
    }

    /** What the probe printed: the kiln process runs as 65532 with no capability, NoNewPrivs, seccomp, a read-only root. */
    private static void assertRestricted(ToolResult r) {
        String out = r.stdout();
        for (String ids : List.of("Uid:\t65532\t65532\t65532\t65532", "Gid:\t65532\t65532\t65532\t65532")) {
            assertTrue(out.contains(ids), ids + ":\n" + r.describe());
        }
        for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
            assertTrue(out.contains(set + ":\t0000000000000000"), set + " empty:\n" + r.describe());
        }
        assertTrue(out.contains("NoNewPrivs:\t1"), r.describe());
        assertTrue(out.contains("Seccomp:\t2"), "seccomp filter mode:\n" + r.describe());
        assertTrue(out.contains("rootfs: read-only"), r.describe());
    }

    @Test
    void restrictedJobBuildsACopyOnlyImageAsUid65532EqualToTheRootBuild(NonRootImage image) throws Exception {
        String repo = TestEnv.registry() + "/test/recipe-job-nonroot";
        Recipe recipe = recipe(image, repo + ":pod");
        Pod pod = Pod.create(tmp, dockerfile());
        ToolResult r = runRecipe(image, recipe, pod, List.of("--reproducible"));
        assertEquals(0, r.exitCode(), r.describe());
        assertRestricted(r);
        String log = r.stdout() + r.stderr();
        assertTrue(log.contains("running as uid 65532 gid 65532 (not root)"), r.describe());
        assertTrue(log.contains("isolation: none needed (no RUN), running as uid 65532 gid 65532 (not root)"), r.describe());
        assertEquals("1000:1000 750 /app/file.txt\n0:0 604 /etc/hello\n1000:1000 640 /home/h.txt\n",
                Tools.runImage(repo + ":pod").requireOk().stdout(), "owners and modes the Dockerfile asks for");
        // the same build as root (kiln in this JVM): the very same image
        int rc = Main.run("build", "--context", pod.workspace().toString(), "--destination", repo + ":root",
                "--insecure", "--insecure-pull", "--reproducible", "-v", "warn");
        assertEquals(0, rc);
        assertEquals(Tools.skopeoInspect(repo + ":root").path("Digest").asText(),
                Tools.skopeoInspect(repo + ":pod").path("Digest").asText(), "the pod's image equals the root build's");
    }

    @Test
    void restrictedJobRefusesARunBeforeAnyWork(NonRootImage image) throws Exception {
        Recipe recipe = recipe(image, TestEnv.registry() + "/test/recipe-job-nonroot:never");
        Pod pod = Pod.create(tmp, "FROM %s/busybox:latest\nCOPY file.txt /f\nRUN echo hi\n".formatted(TestEnv.registry()));
        ToolResult r = runRecipe(image, recipe, pod, List.of());
        assertNotEquals(0, r.exitCode(), r.describe());
        assertRestricted(r);
        String log = r.stdout() + r.stderr();
        assertTrue(log.contains("Dockerfile:3: RUN needs root or a user namespace: kiln runs as uid 65532 (not root)"), r.describe());
        assertFalse(log.contains("resolving base image"), "no work before the failure:\n" + r.describe());
    }

    private static Path staticBusybox() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "busybox");
            if (Files.isExecutable(p)) return p;
        }
        throw new AssertionError("busybox not found on PATH (bin/test installs busybox-static)");
    }
}
