package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.cache.BaseImageCache;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Default media types, checked with {@code skopeo inspect --raw}: a Docker-typed base gives a Docker v2s2 image
 * (manifest, config and every layer, kiln's own included), as Kaniko pushes; an OCI base gives OCI; {@code FROM
 * scratch} gives OCI, as BuildKit. The base's type survives a warmed base-image cache and a stage used as a base.
 */
class MediaTypesTest {
    private static final List<String> DOCKER = List.of("application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.container.image.v1+json", "application/vnd.docker.image.rootfs.diff.tar.gzip");
    private static final List<String> OCI = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.config.v1+json", "application/vnd.oci.image.layer.v1.tar+gzip");

    @TempDir
    static Path tmp;
    private static String dockerBase;

    @BeforeAll
    static void dockerTypedBase() {
        // skopeo, not kiln, converts the OCI test busybox into a Docker v2s2 image
        dockerBase = TestEnv.registry() + "/test/busybox-v2s2:latest";
        Tools.run(Tools.DEFAULT_TIMEOUT, List.of("skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
                "--dest-tls-verify=false", "--format", "v2s2", "docker://" + TestEnv.registry() + "/busybox:latest",
                "docker://" + dockerBase)).requireOk();
    }

    /** [manifest type, config type, each distinct layer type] of a pushed image. */
    private static List<String> types(String ref) throws IOException {
        JsonNode m = new ObjectMapper().readTree(Tools.skopeoInspectRaw(ref));
        List<String> out = new ArrayList<>(List.of(m.path("mediaType").asText(), m.path("config").path("mediaType").asText()));
        for (JsonNode l : m.path("layers")) if (!out.contains(l.path("mediaType").asText())) out.add(l.path("mediaType").asText());
        return out;
    }

    private static String build(String name, String dockerfile, String... extra) throws IOException {
        Path ctx = Files.createDirectories(tmp.resolve(name));
        Files.writeString(ctx.resolve("a.txt"), "a\n");
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        String dest = TestEnv.registry() + "/test/media-types-" + name + ":" + System.nanoTime();
        List<String> args = new ArrayList<>(List.of("build", "-c", ctx.toString(), "-d", dest, "--insecure",
                "--insecure-pull", "--isolation", "chroot"));
        args.addAll(List.of(extra));
        ToolResult r = Kiln.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return dest;
    }

    @Test
    void dockerBaseGivesDockerV2s2() throws IOException {
        assertEquals(DOCKER, types(dockerBase));
        assertEquals(DOCKER, types(build("docker", "FROM " + dockerBase + "\nRUN echo hi > /hi\nCOPY a.txt /a.txt\n")));
    }

    @Test
    void ociBaseGivesOci() throws IOException {
        assertEquals(OCI, types(build("oci", "FROM " + TestEnv.registry() + "/busybox:latest\nCOPY a.txt /a.txt\n")));
    }

    @Test
    void scratchGivesOciAsBuildKit() throws IOException {
        assertEquals(OCI, types(build("scratch", "FROM scratch\nCOPY a.txt /a.txt\n")));
    }

    @Test
    void dockerTypeSurvivesAStageAndTheWarmedCache() throws IOException {
        assertEquals(DOCKER, types(build("stage", "FROM " + dockerBase + " AS base\nRUN echo hi > /hi\n"
                + "FROM base\nCOPY a.txt /a.txt\n")));
        // cached under a name no registry serves, so the build can only start from the cache
        Path cache = tmp.resolve("warm-cache");
        String offline = "127.0.0.1:1/kiln-offline/busybox-v2s2:1";
        RegistryImages registry = new RegistryImages(RegistryOptions.DEFAULT.withInsecurePull(true), Credentials.NONE, EventSink.NONE);
        Platform host = Platform.host();
        new BaseImageCache(cache).write(Reference.parse(offline).toString(), host,
                registry.pull(Reference.parse(dockerBase), host).image());
        assertEquals(DOCKER, types(build("warmed", "FROM " + offline + "\nCOPY a.txt /a.txt\n",
                "--cache-dir", cache.toString())));
    }
}
