package dev.kiln.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.Main;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.Tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kiln's executor image, built once per test run BY kiln: executor/build.sh prepares target/executor-context, then
 * kiln (in this JVM, {@link Main#run}) builds executor/Dockerfile's three targets and pushes them to the loopback
 * registry, from where containerd pulls them. The fourth, :nonroot, is {@link NonRootImage}, built only when asked for.
 *
 * @param executor   REPO:latest (entrypoint {@code kiln build})
 * @param debug      REPO:debug (busybox shell, {@code kiln} launcher on PATH)
 * @param warmer     REPO:warmer (entrypoint {@code kiln warm})
 * @param entrypoint the executor's ENTRYPOINT, which {@code args:} in a pod are appended to
 * @param size       compressed size of the executor image's layers, bytes
 */
record ExecutorImage(String executor, String debug, String warmer, List<String> entrypoint, long size) {
    ExecutorImage {
        entrypoint = List.copyOf(entrypoint);
    }

    /** executor/build.sh: prepares target/executor-context (once per test run: see {@link ExecutorImageExtension}). */
    static Path context() {
        Path root = Path.of(System.getProperty("kiln.basedir", "."));
        Path context = root.resolve("target/executor-context");
        Tools.run(Duration.ofMinutes(5), List.of(root.resolve("executor/build.sh").toString(), "--out", context.toString()))
                .requireOk();
        return context;
    }

    /** Builds {@code target} of executor/Dockerfile from {@code context} with kiln in this JVM and pushes it as repo:tag. */
    static String buildTarget(Path context, String target, String tag) {
        Path root = Path.of(System.getProperty("kiln.basedir", "."));
        String ref = TestEnv.registry() + "/kiln-test/executor:" + tag;
        int rc = Main.run("build", "--context", context.toString(), "--dockerfile", root.resolve("executor/Dockerfile").toString(),
                "--target", target, "--destination", ref, "--insecure", "--insecure-pull", "-v", "warn");
        if (rc != 0) throw new AssertionError("kiln build --target " + target + " of the executor image exited " + rc);
        return ref;
    }

    /** The image's config Entrypoint. */
    static List<String> entrypoint(String ref) {
        List<String> ep = new ArrayList<>();
        Tools.skopeoInspectConfig(ref).path("config").path("Entrypoint").forEach(n -> ep.add(n.asText()));
        return ep;
    }

    static ExecutorImage build(Path context) {
        String repo = TestEnv.registry() + "/kiln-test/executor";
        for (String[] v : new String[][]{{"executor", "latest"}, {"debug", "debug"}, {"warmer", "warmer"}}) {
            buildTarget(context, v[0], v[1]);
        }
        String ref = repo + ":latest";
        List<String> ep = entrypoint(ref);
        long size = 0;
        try {
            JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Tools.skopeoInspectRaw(ref));
            for (JsonNode l : manifest.path("layers")) size += l.path("size").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("manifest of " + ref, e);
        }
        return new ExecutorImage(ref, repo + ":debug", repo + ":warmer", ep, size);
    }

    /** The command line the executor container runs for {@code args} (entrypoint + args, as a kubelet does). */
    List<String> command(List<String> args) {
        return Ctr.withEntrypoint(entrypoint, args);
    }
}
