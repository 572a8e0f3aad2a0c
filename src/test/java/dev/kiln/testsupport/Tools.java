package dev.kiln.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external tools tests check kiln's output with (skopeo, umoci, oci-image-tool, testbed scripts):
 * a timeout, captured stdout/stderr and exit code. A missing tool skips the test, or fails it under CI.
 */
public final class Tools {
    private Tools() {}

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code command} (argv) with the default timeout; never throws for a non-zero exit. */
    public static ToolResult run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    public static ToolResult run(Duration timeout, List<String> command) {
        requireTool(command.getFirst());
        try {
            Path out = Files.createTempFile("kiln-tool-", ".out");
            Path err = Files.createTempFile("kiln-tool-", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "\n--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new ToolResult(command, p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Skips (or under CI fails) the test when {@code tool} is neither a path nor on PATH. */
    public static void requireTool(String tool) {
        if (tool.contains("/") ? Files.isExecutable(Path.of(tool)) : onPath(tool)) return;
        String msg = tool + " not found on PATH: run the suite with bin/test, which installs it";
        if (TestEnv.ci()) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    /** {@code skopeo inspect} of an image: a registry ref (docker:// optional, TLS not verified) or any transport. */
    public static JsonNode skopeoInspect(String ref) {
        return json(skopeo("inspect", ref));
    }

    /** The image's config as skopeo reads it ({@code skopeo inspect --config}). */
    public static JsonNode skopeoInspectConfig(String ref) {
        return json(skopeo("inspect", "--config", ref));
    }

    /** The manifest (or index) exactly as stored ({@code skopeo inspect --raw}). */
    public static String skopeoInspectRaw(String ref) {
        return skopeo("inspect", "--raw", ref).stdout();
    }

    /** {@code skopeo copy src dst} (transports as skopeo takes them; a bare ref means docker://). */
    public static ToolResult skopeoCopy(String src, String dst) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "-q"));
        if (isDocker(src)) cmd.add("--src-tls-verify=false");
        if (isDocker(dst)) cmd.add("--dest-tls-verify=false");
        cmd.add(transport(src));
        cmd.add(transport(dst));
        return run(DEFAULT_TIMEOUT, cmd).requireOk();
    }

    /** {@code umoci unpack --image layout:tag bundle} (needs root): the rootfs ends up in {@code bundle/rootfs}. */
    public static ToolResult umociUnpack(Path ociLayout, String tag, Path bundle) {
        return run("umoci", "unpack", "--image", ociLayout + ":" + tag, bundle.toString()).requireOk();
    }

    /** Runs a command in an image with testbed/run-image.sh (skopeo + umoci + runc); exit code is the container's. */
    public static ToolResult runImage(String ref, String... cmd) {
        List<String> argv = new ArrayList<>(List.of(TestEnv.testbed().resolve("run-image.sh").toString(), ref));
        if (cmd.length > 0) {
            argv.add("--");
            argv.addAll(List.of(cmd));
        }
        return run(DEFAULT_TIMEOUT, argv);
    }

    /**
     * {@code oci-image-tool validate --type image dir}: checks an OCI image layout (every ref: index, manifests,
     * configs, layer digests). Debian's oci-image-tool 1.0.0-rc1 calls the layout type {@code image}
     * (newer releases: {@code imageLayout}). The result says whether it passed.
     */
    public static ToolResult ociImageToolValidate(Path layout) {
        return run("oci-image-tool", "validate", "--type", "image", layout.toString());
    }

    /** As {@link #ociImageToolValidate(Path)}, for the one ref {@code refName}. */
    public static ToolResult ociImageToolValidate(Path layout, String refName) {
        return run("oci-image-tool", "validate", "--type", "image", "--ref", "name=" + refName, layout.toString());
    }

    private static ToolResult skopeo(String verb, String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", verb));
        String ref = args[args.length - 1];
        for (int i = 0; i < args.length - 1; i++) cmd.add(args[i]);
        if (isDocker(ref)) cmd.add("--tls-verify=false");
        cmd.add(transport(ref));
        return run(DEFAULT_TIMEOUT, cmd).requireOk();
    }

    private static boolean isDocker(String ref) {
        return transport(ref).startsWith("docker://");
    }

    private static String transport(String ref) {
        return ref.matches("^(docker|oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):.*")
                ? ref : "docker://" + ref;
    }

    private static JsonNode json(ToolResult r) {
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + String.join(" ", r.command()) + ": " + r.stdout(), e);
        }
    }
}
