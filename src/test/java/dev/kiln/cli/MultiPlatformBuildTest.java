package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.layout.OciLayout;
import dev.kiln.run.Emulation;
import dev.kiln.testsupport.BinfmtHandler;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --custom-platform linux/amd64,linux/arm64} (issue 16): one image index per destination, checked with
 * {@code skopeo inspect --raw}. The two-platform base is made by kiln itself (FROM scratch, a file per platform),
 * so no arm64 program is needed; RUN happens only in a {@code FROM --platform=$BUILDPLATFORM} stage.
 */
class MultiPlatformBuildTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PLATFORMS = "linux/amd64,linux/arm64";
    static String base;

    @TempDir static Path shared;
    @TempDir Path tmp;

    /** A two-platform base whose /base-arch says its platform: made by a COPY-only multi-platform build. */
    @BeforeAll
    static void pushBase() throws Exception {
        base = pushArchBase(shared, "multiarch/base:1", PLATFORMS);
    }

    /**
     * Pushes {@code repoTag} on the test registry: an image per platform of {@code platforms} whose /base-arch says
     * "base ARCH" (FROM scratch, COPY only: no program of another architecture runs). Returns its reference.
     */
    static String pushArchBase(Path dir, String repoTag, String platforms) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("base"));
        for (String p : platforms.split(",")) {
            String arch = Platform.parse(p).architecture();
            Files.writeString(ctx.resolve(arch), "base " + arch + "\n");
        }
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nARG TARGETARCH\nCOPY $TARGETARCH /base-arch\n");
        String ref = TestEnv.registry() + "/" + repoTag;
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--insecure", "--reproducible", "-d", ref,
                "--custom-platform", platforms);
        assertEquals(0, r.exitCode(), r.toString());
        return ref;
    }

    @Test
    void copyOnlyBuildPushesAnIndexWithAManifestPerPlatform() throws Exception {
        String reg = TestEnv.registry();
        Files.writeString(tmp.resolve("Dockerfile"), "FROM " + base + "\nCOPY f /f\nLABEL built=multi\n");
        Files.writeString(tmp.resolve("f"), "same\n");
        String dest = reg + "/multiarch/copy:1";
        Path digestFile = tmp.resolve("digest");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "-d", dest,
                "--platform", PLATFORMS, "--digest-file", digestFile.toString());
        assertEquals(0, r.exitCode(), r.toString());

        String raw = Tools.skopeoInspectRaw("docker://" + dest);
        JsonNode index = JSON.readTree(raw);
        assertEquals("application/vnd.oci.image.index.v1+json", index.get("mediaType").asText(), raw);
        assertEquals(2, index.get("manifests").size(), raw);
        assertEquals(Digest.sha256(raw.getBytes(StandardCharsets.UTF_8)).toString(), Files.readString(digestFile).trim());
        JsonNode baseIndex = JSON.readTree(Tools.skopeoInspectRaw("docker://" + base));
        String[] archs = {"amd64", "arm64"};
        for (int i = 0; i < 2; i++) {
            JsonNode d = index.get("manifests").get(i);
            assertEquals("linux", d.get("platform").get("os").asText(), raw);
            assertEquals(archs[i], d.get("platform").get("architecture").asText(), raw);
            assertTrue(r.stderr().contains("platform linux/" + archs[i] + ": image " + d.get("digest").asText()), r.stderr());
            String ref = "docker://" + reg + "/multiarch/copy@" + d.get("digest").asText();
            JsonNode m = JSON.readTree(Tools.skopeoInspectRaw(ref));
            JsonNode config = Tools.skopeoInspectConfig(ref);
            assertEquals(archs[i], config.get("architecture").asText());
            // the base layer is the base index's image for the same platform
            JsonNode baseManifest = JSON.readTree(Tools.skopeoInspectRaw("docker://" + reg + "/multiarch/base@"
                    + baseIndex.get("manifests").get(i).get("digest").asText()));
            assertEquals(archs[i], baseIndex.get("manifests").get(i).get("platform").get("architecture").asText());
            assertEquals(baseManifest.get("layers").get(0).get("digest"), m.get("layers").get(0).get("digest"));
            assertEquals(2, m.get("layers").size());
        }
    }

    @Test
    void dockerImagesMakeADockerManifestList() throws Exception {
        String reg = TestEnv.registry();
        // a single-manifest Docker v2s2 base serves every platform (it names none of them): both images are Docker
        Files.writeString(tmp.resolve("Dockerfile"), "FROM " + reg + "/busybox:docker\nCOPY Dockerfile /d\n");
        String dest = reg + "/multiarch/docker:1";
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "-d", dest,
                "--custom-platform", PLATFORMS);
        assertEquals(0, r.exitCode(), r.toString());
        String raw = Tools.skopeoInspectRaw("docker://" + dest);
        JsonNode list = JSON.readTree(raw);
        assertEquals("application/vnd.docker.distribution.manifest.list.v2+json", list.get("mediaType").asText(), raw);
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", list.get("manifests").get(1).get("mediaType").asText(), raw);
        assertEquals("arm64", list.get("manifests").get(1).get("platform").get("architecture").asText(), raw);
        assertTrue(r.stderr().contains("Dockerfile:1: base image " + reg + "/busybox:docker is for linux/amd64, not linux/arm64"), r.stderr());
    }

    @Test
    void buildPlatformStageWritesEachTargetArchIntoItsImage() throws Exception {
        String reg = TestEnv.registry();
        Files.writeString(tmp.resolve("Dockerfile"), """
                FROM --platform=$BUILDPLATFORM %s/busybox:latest AS build
                ARG TARGETARCH TARGETPLATFORM BUILDARCH
                RUN echo "$TARGETARCH $TARGETPLATFORM built on $BUILDARCH" > /arch
                FROM %s
                COPY --from=build /arch /arch
                """.formatted(reg, base));
        String dest = reg + "/multiarch/cross:1";
        Path layout = tmp.resolve("oci");
        Path cache = tmp.resolve("cache");
        String[] args = {"build", "-c", tmp.toString(), "--insecure", "--insecure-pull", "-d", dest, "--reproducible",
                "--custom-platform", PLATFORMS, "--oci-layout-path", layout.toString(), "--cache", "--cache-repo", "oci:" + cache,
                "--cache-copy-layers"};
        ToolResult r = Kiln.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        String host = Platform.host().architecture();
        for (String arch : new String[]{"amd64", "arm64"}) {
            Image img = OciLayout.read(layout, "1", Platform.parse("linux/" + arch));
            assertEquals(arch, img.config().architecture());
            Map<String, String> files = files(img.layers().getLast().open());
            assertEquals(arch + " linux/" + arch + " built on " + host + "\n", files.get("arch"), files.toString());
            assertEquals("base " + arch + "\n", files(img.layers().getFirst().open()).get("base-arch"));
        }
        JsonNode index = JSON.readTree(Tools.skopeoInspectRaw("docker://" + dest));
        assertEquals(2, index.get("manifests").size());

        // the same build again: every step of every platform is a cache hit, the same index
        ToolResult again = Kiln.run(args);
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.stderr().contains("no cached layer"), again.stderr());
        assertTrue(again.stderr().contains("using cached layer"), again.stderr());
        assertEquals(JSON.readTree(Tools.skopeoInspectRaw("docker://" + dest)), index);
    }

    @Test
    void foreignRunWithoutAHandlerFailsBeforeAnyWork() throws Exception {
        boolean amd64 = "amd64".equals(Platform.host().architecture());
        Platform foreign = Platform.parse(amd64 ? "linux/arm64" : "linux/amd64");
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /d\nRUN uname -m\n");
        ToolResult r;
        try (BinfmtHandler off = BinfmtHandler.disabled(amd64 ? "aarch64" : "x86_64")) {
            Assumptions.assumeTrue(Emulation.system().missing(foreign).isPresent(),
                    "this machine has a binfmt_misc handler for " + foreign + ": a foreign RUN would run");
            r = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--custom-platform", Platform.host() + "," + foreign);
        }
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Dockerfile:3: RUN for " + foreign + " needs QEMU user emulation"), r.stderr());
        assertTrue(r.stderr().contains("qemu-user-static"), r.stderr());
        assertTrue(r.stderr().contains("binfmt_misc"), r.stderr());
        assertFalse(r.stderr().contains("COPY Dockerfile"), "failed before any step: " + r.stderr());
    }

    @Test
    void tarPathHoldsTheIndexAsOciArchiveAndDockerArchive() throws Exception {
        String reg = TestEnv.registry();
        Files.writeString(tmp.resolve("Dockerfile"), "FROM " + base + "\nCOPY Dockerfile /d\n");
        Path tar = tmp.resolve("x.tar");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--insecure-pull", "--custom-platform", PLATFORMS,
                "-d", reg + "/multiarch/tar:1", "--tar-path", tar.toString());
        assertEquals(0, r.exitCode(), r.toString());
        // an OCI archive: the index under ref 1, a manifest per platform
        JsonNode index = JSON.readTree(Tools.run("skopeo", "inspect", "--raw", "oci-archive:" + tar + ":1").requireOk().stdout());
        assertEquals(2, index.get("manifests").size(), index.toString());
        assertEquals("arm64", index.get("manifests").get(1).get("platform").get("architecture").asText());
        Path layout = Files.createDirectories(tmp.resolve("unpacked"));
        Tools.run("tar", "-xf", tar.toString(), "-C", layout.toString()).requireOk();
        ToolResult valid = Tools.ociImageToolValidate(layout);
        assertEquals(0, valid.exitCode(), valid.toString());
        // a docker archive: one entry per platform, the tag on this machine's platform
        JsonNode entries = JSON.readTree(layout.resolve("manifest.json").toFile());
        assertEquals(2, entries.size(), entries.toString());
        assertEquals(reg + "/multiarch/tar:1", entries.get(0).get("RepoTags").get(0).asText(), entries.toString());
        assertEquals(0, entries.get(1).get("RepoTags").size(), entries.toString());
        JsonNode armConfig = JSON.readTree(Tools.run("skopeo", "inspect", "--config", "docker-archive:" + tar + ":@1").requireOk().stdout());
        assertEquals("arm64", armConfig.get("architecture").asText(), armConfig.toString());
    }

    private static Map<String, String> files(InputStream gzipTar) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(gzipTar))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) m.put(e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return m;
    }
}
