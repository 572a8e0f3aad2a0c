package dev.kiln.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.testsupport.Tools;

import java.nio.file.Path;
import java.util.List;

/**
 * kiln's {@code :nonroot} executor image (executor/Dockerfile's {@code nonroot} target), built by kiln from the same
 * context as {@link ExecutorImage} and pushed to the loopback registry, once per test run and only when a test asks.
 *
 * @param ref        REPO:nonroot
 * @param entrypoint its ENTRYPOINT ({@code kiln build}), which a pod's {@code args:} are appended to
 * @param user       its config User, e.g. {@code 65532:65532}: what ctr runs it as (ctr 1.6 has no runAsUser)
 * @param env        its config Env
 */
record NonRootImage(String ref, List<String> entrypoint, String user, List<String> env) {
    NonRootImage {
        entrypoint = List.copyOf(entrypoint);
        env = List.copyOf(env);
    }

    static NonRootImage build(Path context) {
        String ref = ExecutorImage.buildTarget(context, "nonroot", "nonroot");
        JsonNode config = Tools.skopeoInspectConfig(ref).path("config");
        List<String> env = new java.util.ArrayList<>();
        config.path("Env").forEach(n -> env.add(n.asText()));
        return new NonRootImage(ref, ExecutorImage.entrypoint(ref), config.path("User").asText(""), env);
    }
}
