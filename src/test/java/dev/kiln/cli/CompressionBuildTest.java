package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --compression zstd} and {@code --compression-level} end to end, checked with skopeo, umoci, gzip and zstd. */
class CompressionBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private Path context(String from) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        byte[] noise = new byte[600_000];   // several 128 KiB gzip blocks
        new Random(1).nextBytes(noise);
        Files.write(ctx.resolve("noise.bin"), noise);
        Files.writeString(ctx.resolve("text.txt"), "kiln layer compression\n".repeat(20_000));
        Files.writeString(ctx.resolve("Dockerfile"), "ARG REGISTRY\nFROM " + from + "\nCOPY noise.bin text.txt /data/\n");
        return ctx;
    }

    @Test
    void zstdLayersMakeAnOciImageEvenOnADockerBase() throws Exception {
        String reg = TestEnv.registry();
        String dest = reg + "/test/compression-zstd:1";
        ToolResult r = Kiln.run("build", "-c", context("${REGISTRY}/busybox:docker").toString(), "-d", dest,
                "--insecure", "--insecure-pull", "--build-arg", "REGISTRY=" + reg, "--compression", "zstd");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode m = JSON.readTree(Tools.skopeoInspectRaw(dest));
        assertEquals("application/vnd.oci.image.manifest.v1+json", m.get("mediaType").asText(), m.toString());
        assertEquals("application/vnd.oci.image.config.v1+json", m.get("config").get("mediaType").asText());
        JsonNode layers = m.get("layers");
        assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", layers.get(0).get("mediaType").asText(), "base layers stay gzip");
        JsonNode own = layers.get(layers.size() - 1);
        assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", own.get("mediaType").asText());

        // the blob is a zstd frame whose content is the diff ID the config lists
        Path dir = tmp.resolve("dir");
        Tools.skopeoCopy("docker://" + dest, "dir:" + dir);
        Path blob = dir.resolve(own.get("digest").asText().substring("sha256:".length()));
        Tools.run("zstd", "-q", "-t", blob.toString()).requireOk();
        String diffId = Tools.run("sh", "-c", "zstd -q -dc " + blob + " | sha256sum").requireOk().stdout().split(" ")[0];
        JsonNode cfg = Tools.skopeoInspectConfig(dest);
        JsonNode diffIds = cfg.get("rootfs").get("diff_ids");
        assertEquals("sha256:" + diffId, diffIds.get(diffIds.size() - 1).asText());

        // containers/image reads it (Debian's umoci 0.4.7 cannot unpack zstd: skopeo recompresses for it)
        Path layout = tmp.resolve("layout");
        Tools.run("skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false", "--dest-compress-format", "gzip",
                "docker://" + dest, "oci:" + layout + ":x").requireOk();
        Path bundle = tmp.resolve("bundle");
        Tools.umociUnpack(layout, "x", bundle);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ctx/noise.bin")), Files.readAllBytes(bundle.resolve("rootfs/data/noise.bin")));
        assertTrue(Files.exists(bundle.resolve("rootfs/bin/busybox")));
    }

    @Test
    void explicitGzipLevelUsesTheParallelCompressorAndIsDeterministic() throws Exception {
        Path ctx = context("scratch");
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            Path layout = tmp.resolve("oci" + i);
            ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--reproducible", "--compression", "gzip",
                    "--compression-level", "1", "--oci-layout-path", layout.toString(), "--digest-file", tmp.resolve("d" + i).toString());
            assertEquals(0, r.exitCode(), r.toString());
            digests[i] = Files.readString(tmp.resolve("d" + i)).trim();
            JsonNode m = JSON.readTree(Tools.skopeoInspectRaw("oci:" + layout + ":latest"));
            JsonNode layer = m.get("layers").get(0);
            assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", layer.get("mediaType").asText());
            Path blob = layout.resolve("blobs/sha256/" + layer.get("digest").asText().substring("sha256:".length()));
            Tools.run("gzip", "-t", blob.toString()).requireOk();
            Path bundle = tmp.resolve("bundle" + i);
            Tools.umociUnpack(layout, "latest", bundle);
            assertEquals(Files.readString(ctx.resolve("text.txt")), Files.readString(bundle.resolve("rootfs/data/text.txt")));
        }
        assertEquals(digests[0], digests[1], "same inputs, same level: same image");
    }

    @Test
    void refusesUnknownAlgorithmsAndLevels() {
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--compression", "xz");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("--compression") && r.stderr().contains("xz") && r.stderr().contains("zstd"), r.toString());
        ToolResult l = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--compression", "gzip", "--compression-level", "12");
        assertNotEquals(0, l.exitCode());
        assertTrue(l.stderr().contains("--compression-level 12 is out of range for gzip: use 1-9"), l.toString());
    }
}
