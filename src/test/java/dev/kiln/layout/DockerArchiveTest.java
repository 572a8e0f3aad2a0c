package dev.kiln.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.image.Digest;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.MediaTypes;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.TestImages;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kiln.layout.LayoutAssertions.assertNoTempFiles;
import static dev.kiln.layout.LayoutAssertions.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerArchiveTest {
    @TempDir Path tmp;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesDockerSaveLayout() throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.DOCKER, tmp);
        Path tar = tmp.resolve("out/image.tar");
        DockerArchive.ManifestEntry entry = DockerArchive.write(image, tar, List.of("kiln.test/app:1", "kiln.test/app:latest"));

        Map<String, byte[]> entries = entries(tar);
        String cfgHex = image.configBlob().descriptor().digest().hex();
        String l1 = image.layers().get(0).descriptor().digest().hex() + ".tar.gz";
        String l2 = image.layers().get(1).descriptor().digest().hex() + ".tar.gz";
        assertEquals(List.of(cfgHex + ".json", l1, l2, "manifest.json"), List.copyOf(entries.keySet()));
        assertArrayEquals(image.configBlob().bytes(), entries.get(cfgHex + ".json"));
        assertEquals(image.layers().get(1).descriptor().digest(), Digest.sha256(entries.get(l2)));

        JsonNode manifest = json.readTree(entries.get("manifest.json"));
        assertEquals(1, manifest.size());
        assertEquals(cfgHex + ".json", manifest.at("/0/Config").asText());
        assertEquals(List.of("kiln.test/app:1", "kiln.test/app:latest"), texts(manifest.at("/0/RepoTags")));
        assertEquals(List.of(l1, l2), texts(manifest.at("/0/Layers")));
        assertEquals(List.of(l1, l2), entry.layers());
        assertNoTempFiles(tmp.resolve("out"));
    }

    @Test
    void skopeoCopiesItToAnOciLayoutThatUmociUnpacks() throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Path tar = tmp.resolve("image.tar");
        DockerArchive.write(image, tar, List.of("kiln.test/app:1"));

        JsonNode info = Tools.skopeoInspect("docker-archive:" + tar + ":kiln.test/app:1");
        assertFalse(Tools.run("skopeo", "inspect", "docker-archive:" + tar + ":kiln.test/app:2").ok(),
                "skopeo finds images by their RepoTags");
        assertEquals(texts(json.valueToTree(image.config().rootfs().diffIds())), texts(info.get("Layers")),
                "docker-archive layers are addressed by diff ID");

        Path oci = tmp.resolve("oci");
        Tools.skopeoCopy("docker-archive:" + tar, "oci:" + oci + ":x");
        ToolResult v = Tools.ociImageToolValidate(oci);
        assertTrue(v.ok(), v::describe);
        JsonNode config = Tools.skopeoInspectConfig("oci:" + oci + ":x");
        assertEquals(json.readTree(image.configBlob().bytes()).get("rootfs"), config.get("rootfs"));
        assertEquals("/bin/sh", config.at("/config/Cmd/0").asText());

        Path bundle = tmp.resolve("bundle");
        Tools.umociUnpack(oci, "x", bundle);
        assertEquals("hello from layer 1\n", read(bundle.resolve("rootfs/etc/hello.txt")));
        assertEquals("two\n", read(bundle.resolve("rootfs/app/two.txt")));
        assertEquals("three\n", read(bundle.resolve("rootfs/app/sub/three.txt")));
    }

    @Test
    void busyboxPlusALayerRunsAfterARoundTripThroughTheRegistry() throws IOException {
        Image app = LayoutAssertions.busybox(tmp).plusLayer(LayoutAssertions.textLayer(tmp, "app", "from a docker archive\n"));
        Path tar = tmp.resolve("app.tar");
        DockerArchive.write(app, tar, List.of("kiln.test/busybox-app:1"));
        String ref = TestEnv.registry() + "/test/dockerarchivetest-busybox:1";
        Tools.skopeoCopy("docker-archive:" + tar, ref);
        ToolResult r = Tools.runImage(ref, "cat", "/etc/kiln-test.txt");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("from a docker archive\n", r.stdout());
    }

    @Test
    void aRepeatedLayerIsStoredOnce() throws IOException {
        Image base = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Image twice = base.plusLayer(base.layers().getFirst());
        Path tar = tmp.resolve("twice.tar");
        DockerArchive.ManifestEntry entry = DockerArchive.write(twice, tar, List.of());
        assertEquals(3, entry.layers().size());
        assertEquals(entry.layers().get(0), entry.layers().get(2));
        assertEquals(4, entries(tar).size(), "config, 2 distinct layers, manifest.json");
        assertEquals(3, Tools.skopeoInspect("docker-archive:" + tar).get("Layers").size());
    }

    @Test
    void aBadLayerLeavesNoFileAndAnOldArchiveStays() throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Path tar = tmp.resolve("out/image.tar");
        DockerArchive.write(image, tar, List.of("kiln.test/app:1"));
        byte[] before = Files.readAllBytes(tar);

        Layer real = LayoutAssertions.textLayer(tmp, "real", "real\n");
        Layer tooLong = new BlobFileLayer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, real.descriptor().digest(),
                real.descriptor().size() - 1), real.diffId(), tmp.resolve("real.tar.gz"));
        LayoutException e = assertThrows(LayoutException.class,
                () -> DockerArchive.write(image.plusLayer(tooLong), tar, List.of("kiln.test/app:2")));
        assertTrue(e.getMessage().contains("longer") && e.getMessage().contains(tar.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(tar));
        assertNoTempFiles(tmp.resolve("out"));

        Path fresh = tmp.resolve("fresh.tar");
        assertThrows(LayoutException.class, () -> DockerArchive.write(image.plusLayer(tooLong), fresh, List.of()));
        assertFalse(Files.exists(fresh));
        assertThrows(IllegalArgumentException.class, () -> DockerArchive.write(image, fresh, List.of("has space:1")));
    }

    private static Map<String, byte[]> entries(Path tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) out.put(e.getName(), t.readAllBytes());
        }
        return out;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
