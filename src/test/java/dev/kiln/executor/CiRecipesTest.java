package dev.kiln.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.tekton.pipeline.v1.ParamSpec;
import io.fabric8.tekton.pipeline.v1.Step;
import io.fabric8.tekton.pipeline.v1.Task;
import io.fabric8.tekton.pipeline.v1.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** deploy/tekton, deploy/gitlab, deploy/shipwright: schema-checked, then run as their CI systems would run them. */
@ExtendWith(ExecutorImageExtension.class)
class CiRecipesTest {
    @TempDir Path tmp;

    private static String dockerfile() {
        return "FROM %s/busybox:latest\nRUN echo ci > /out\nCMD [\"cat\", \"/out\"]\n".formatted(TestEnv.registry());
    }

    @Test
    void tektonTaskHasTheKanikoTaskInterfaceAndRuns(ExecutorImage image) throws Exception {
        String dest = TestEnv.registry() + "/test/recipe-tekton:1";
        Recipe recipe = Recipe.of("tekton/kiln-task.yaml", image, dest);
        Task task = StrictModel.read(recipe.file(), Task.class);
        assertEquals("tekton.dev/v1", task.getApiVersion());
        assertTrue(task.getSpec().getParams().stream().map(ParamSpec::getName).toList()
                .containsAll(List.of("IMAGE", "DOCKERFILE", "CONTEXT", "EXTRA_ARGS", "BUILDER_IMAGE")));
        assertEquals(List.of("IMAGE_DIGEST", "IMAGE_URL"), task.getSpec().getResults().stream().map(TaskResult::getName).toList());

        Pod pod = Pod.create(tmp, dockerfile());
        Path results = Files.createDirectories(tmp.resolve("results"));
        // what the Tekton controller substitutes for a TaskRun with IMAGE and EXTRA_ARGS set, defaults otherwise
        Recipe run = recipe.with("$(params.IMAGE)", dest).with("$(params.DOCKERFILE)", "./Dockerfile")
                .with("$(params.CONTEXT)", "./").with("$(workspaces.source.path)", "/workspace/source")
                .with("$(params.BUILDER_IMAGE)", image.executor()).with("$(params.SHELL_IMAGE)", image.debug())
                .with("$(results.IMAGE_DIGEST.path)", "/tekton/results/IMAGE_DIGEST")
                .with("$(results.IMAGE_URL.path)", "/tekton/results/IMAGE_URL");
        List<String> mounts = List.of("-v", pod.workspace() + ":/workspace/source", "-v", pod.dockerConfig() + ":/kiln/.docker:ro",
                "-v", results + ":/tekton/results", "-v", pod.serviceAccount() + ":" + Pod.SA_DIR + ":ro");

        Step build = task.getSpec().getSteps().get(0);
        List<String> args = new ArrayList<>();
        for (String a : build.getArgs()) {
            if (a.equals("$(params.EXTRA_ARGS[*])")) args.addAll(List.of("--insecure", "--insecure-pull"));
            else args.add(run.apply(a));
        }
        Container c = new ContainerBuilder().withImage(run.apply(build.getImage())).withArgs(args)
                .withSecurityContext(build.getSecurityContext()).withWorkingDir(run.apply(build.getWorkingDir())).build();
        List<String> opts = new ArrayList<>(PodContainer.options(c, Map.of(), Map.of()));
        opts.addAll(mounts);
        ToolResult r = Ctr.run(InPlaceBuildsTest.BUILD, opts, c.getImage(), PodContainer.argv(c, image.entrypoint()));
        assertEquals(0, r.exitCode(), r.describe());

        Step url = task.getSpec().getSteps().get(1);
        ToolResult w = Ctr.run(InPlaceBuildsTest.BUILD, mounts, run.apply(url.getImage()),
                List.of("/kiln/busybox/sh", "-c", run.apply(url.getScript())));
        assertEquals(0, w.exitCode(), w.describe());
        assertEquals(dest, Files.readString(results.resolve("IMAGE_URL")));
        String digest = Files.readString(results.resolve("IMAGE_DIGEST")).trim();
        assertTrue(digest.startsWith("sha256:"), digest);
        assertEquals("ci\n", Tools.runImage(dest.substring(0, dest.lastIndexOf(':')) + "@" + digest).requireOk().stdout());
        pod.assertIntact(dockerfile());
    }

    @Test
    void gitlabJobRunsItsScriptInTheDebugImage(ExecutorImage image) throws Exception {
        Recipe recipe = Recipe.of("gitlab/gitlab-ci.yml", image, "unused");
        JsonNode job = StrictModel.tree(recipe.file()).path("build-image");
        Set<String> keywords = Set.of("stage", "image", "variables", "script", "rules", "before_script", "after_script", "tags");
        job.fieldNames().forEachRemaining(k -> assertTrue(keywords.contains(k), "unknown GitLab CI keyword " + k));
        assertEquals(Recipe.DEBUG, job.path("image").path("name").asText());
        assertEquals("", job.path("image").path("entrypoint").get(0).asText(), "GitLab needs the entrypoint cleared");
        assertTrue(job.path("script").isArray());
        StringBuilder script = new StringBuilder("set -e\n");
        job.path("script").forEach(l -> script.append(l.asText()).append('\n'));

        Pod pod = Pod.create(tmp, dockerfile());
        String authReg = TestEnv.authRegistry();
        List<String> opts = List.of("--no-new-privs", "-v", pod.workspace() + ":/builds/team/app",
                "-e", "CI_REGISTRY=" + authReg, "-e", "CI_REGISTRY_USER=" + TestEnv.registryUser(),
                "-e", "CI_REGISTRY_PASSWORD=" + TestEnv.registryPassword(), "-e", "CI_REGISTRY_IMAGE=" + authReg + "/test/recipe-gitlab",
                "-e", "CI_PROJECT_DIR=/builds/team/app", "-e", "CI_COMMIT_SHORT_SHA=abc123", "-e", "KILN_TAG=abc123",
                "-e", "KILN_EXTRA_ARGS=--insecure --insecure-pull --insecure-registry " + TestEnv.registry());
        ToolResult r = Ctr.run(InPlaceBuildsTest.BUILD, opts, recipe.apply(Recipe.DEBUG),
                List.of("/kiln/busybox/sh", "-c", script.toString()));
        assertEquals(0, r.exitCode(), r.describe());
        Tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", TestEnv.registryUser() + ":" + TestEnv.registryPassword(),
                "docker://" + authReg + "/test/recipe-gitlab:abc123").requireOk();
        pod.assertIntact(dockerfile());
    }

    @Test
    void shipwrightStrategyWritesAnOciLayout(ExecutorImage image) throws Exception {
        Recipe recipe = Recipe.of("shipwright/cluster-build-strategy.yaml", image, "unused");
        JsonNode cbs = StrictModel.tree(recipe.file());
        assertEquals("shipwright.io/v1beta1", cbs.path("apiVersion").asText());
        assertEquals("ClusterBuildStrategy", cbs.path("kind").asText());
        StrictModel.of(cbs.path("metadata"), io.fabric8.kubernetes.api.model.ObjectMeta.class, "metadata");
        cbs.path("spec").fieldNames().forEachRemaining(k -> assertTrue(
                Set.of("parameters", "steps", "volumes", "securityContext").contains(k), "unknown spec field " + k));
        for (JsonNode p : cbs.path("spec").path("parameters")) {
            p.fieldNames().forEachRemaining(k -> assertTrue(Set.of("name", "description", "type", "default", "defaults").contains(k), k));
        }
        Container step = StrictModel.of(cbs.path("spec").path("steps").get(0), Container.class, "spec.steps[0]");

        Pod pod = Pod.create(tmp, dockerfile());
        Path output = Files.createDirectories(tmp.resolve("output"));
        Recipe run = recipe.with("$(params.shp-source-root)", "/workspace/source").with("$(params.shp-source-context)", "/workspace/source")
                .with("$(params.shp-output-directory)", "/workspace/output").with("$(params.dockerfile)", "Dockerfile");
        List<String> opts = new ArrayList<>(PodContainer.options(new ContainerBuilder(step).withWorkingDir(null).build(), Map.of(), Map.of()));
        opts.addAll(List.of("-v", pod.workspace() + ":/workspace/source", "-v", output + ":/workspace/output",
                "-w", run.apply(step.getWorkingDir())));
        List<String> argv = new ArrayList<>(run.apply(PodContainer.argv(step, image.entrypoint())));
        argv.add("--insecure-pull");
        ToolResult r = Ctr.run(InPlaceBuildsTest.BUILD, opts, run.apply(step.getImage()), argv);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(Files.exists(output.resolve("index.json")), "OCI layout written to shp-output-directory");
        Tools.run("skopeo", "inspect", "oci:" + output).requireOk();
        pod.assertIntact(dockerfile());
    }
}
