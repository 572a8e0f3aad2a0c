package dev.kiln.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.OciSchemas;
import dev.kiln.image.Platform;
import dev.kiln.testsupport.TestImages;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.kiln.layout.LayoutAssertions.assertNoTempFiles;
import static dev.kiln.layout.LayoutAssertions.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciLayoutTest {
    @TempDir Path tmp;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesALayoutThatOtherToolsAccept() throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Path dir = tmp.resolve("layout");
        Descriptor d = OciLayout.write(image, dir, "v1");

        assertEquals(image.manifestBlob().descriptor().digest(), d.digest());
        ToolResult v = Tools.ociImageToolValidate(dir);
        assertTrue(v.ok(), v::describe);

        JsonNode info = Tools.skopeoInspect("oci:" + dir + ":v1");
        assertEquals(d.digest().toString(), info.get("Digest").asText());
        assertEquals(List.of(image.layers().get(0).descriptor().digest().toString(),
                image.layers().get(1).descriptor().digest().toString()), texts(info.get("Layers")));
        assertEquals(Platform.host().architecture(), info.get("Architecture").asText());
        assertEquals(new String(image.manifestBlob().bytes()), Tools.skopeoInspectRaw("oci:" + dir + ":v1"));

        OciSchemas schemas = OciSchemas.load();
        schemas.assertValid("application/vnd.oci.layout.header.v1+json", Files.readAllBytes(dir.resolve("oci-layout")));
        schemas.assertValid(MediaTypes.OCI_INDEX, Files.readAllBytes(dir.resolve("index.json")));
        JsonNode index = json.readTree(dir.resolve("index.json").toFile());
        assertEquals("v1", index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText());
        assertEquals(4, blobs(dir).size(), "2 layers, config, manifest");
        assertNoTempFiles(dir);
        assertTrue(Tools.ociImageToolValidate(dir, "v1").ok());

        Path layer = LayoutBlobs.path(dir, image.layers().get(1).descriptor().digest());
        Files.write(layer, new byte[]{31, -117, 8, 0});
        assertFalse(Tools.ociImageToolValidate(dir).ok(), "the validator must notice a corrupt layer");
    }

    @Test
    void umociUnpacksTheFiles() throws IOException {
        Path dir = tmp.resolve("layout");
        OciLayout.write(TestImages.twoLayers(ManifestFormat.OCI, tmp), dir, "app");
        Path bundle = tmp.resolve("bundle");
        Tools.umociUnpack(dir, "app", bundle);
        Path rootfs = bundle.resolve("rootfs");
        assertEquals("hello from layer 1\n", read(rootfs.resolve("etc/hello.txt")));
        assertEquals("one\n", read(rootfs.resolve("app/one.txt")));
        assertEquals("three\n", read(rootfs.resolve("app/sub/three.txt")));
    }

    @Test
    void addsAndReplacesRefsAndReusesBlobs() throws IOException {
        Path dir = tmp.resolve("layout");
        Image a = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Image b = a.plusLayer(LayoutAssertions.textLayer(tmp, "extra", "b\n"));
        Descriptor da = OciLayout.write(a, dir, "a");
        Descriptor db = OciLayout.write(b, dir, "b");
        assertEquals(List.of("a", "b"), refs(dir));
        assertEquals(4 + 3, blobs(dir).size(), "b shares both layers with a");

        OciLayout.write(b, dir, "a");
        assertEquals(List.of("b", "a"), refs(dir));
        assertEquals(db.digest(), OciLayout.read(dir, "a").manifestBlob().descriptor().digest());
        assertTrue(Files.exists(LayoutBlobs.path(dir, da.digest())), "blobs are never deleted");

        OciLayout.write(b, dir, null);
        OciLayout.write(b, dir, null);
        assertEquals(List.of("b", "a", ""), refs(dir), "one unnamed entry per digest");
        assertTrue(Tools.ociImageToolValidate(dir).ok());
        assertNoTempFiles(dir);
    }

    @Test
    void keepsWhatOtherToolsPutInIndexJson() throws IOException {
        Path dir = tmp.resolve("layout");
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        OciLayout.write(image, dir, "first");
        JsonNode idx = json.readTree(dir.resolve("index.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) idx.get("manifests").get(0)).put("artifactType", "application/x.kiln.test");
        ((com.fasterxml.jackson.databind.node.ObjectNode) idx).putObject("annotations").put("org.example.keep", "yes");
        Files.write(dir.resolve("index.json"), json.writeValueAsBytes(idx));

        OciLayout.write(image, dir, "second");
        JsonNode after = json.readTree(dir.resolve("index.json").toFile());
        assertEquals("application/x.kiln.test", after.at("/manifests/0/artifactType").asText());
        assertEquals("yes", after.at("/annotations/org.example.keep").asText());
        assertEquals(List.of("first", "second"), refs(dir));
    }

    @Test
    void readRoundTripsTheSameBytes() throws IOException {
        Path dir = tmp.resolve("layout");
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        OciLayout.write(image, dir, "v1");
        Image back = OciLayout.read(dir, "v1");
        assertEquals(ManifestFormat.OCI, back.format());
        assertArrayEquals(image.configBlob().bytes(), back.configBlob().bytes());
        assertArrayEquals(image.manifestBlob().bytes(), back.manifestBlob().bytes());
        for (int i = 0; i < image.layers().size(); i++) {
            Layer l = back.layers().get(i);
            assertInstanceOf(BlobFileLayer.class, l);
            assertEquals(image.layers().get(i).diffId(), l.diffId());
            assertArrayEquals(bytes(image.layers().get(i)), bytes(l));
        }
        assertEquals(back.manifestBlob().descriptor().digest(), OciLayout.read(dir, null).manifestBlob().descriptor().digest());

        Path copy = tmp.resolve("copy");
        assertEquals(image.manifestBlob().descriptor().digest(), OciLayout.write(back, copy, "again").digest());
    }

    @Test
    void dockerFormatImagesKeepTheirMediaTypes() throws IOException {
        // written as they are (as go-containerregistry's layout does); skopeo and umoci only read OCI-typed entries
        Path dir = tmp.resolve("layout");
        Image image = TestImages.twoLayers(ManifestFormat.DOCKER, tmp);
        Descriptor d = OciLayout.write(image, dir, "docker");
        assertEquals(MediaTypes.DOCKER_MANIFEST, d.mediaType());
        assertEquals(MediaTypes.DOCKER_MANIFEST, json.readTree(dir.resolve("index.json").toFile()).at("/manifests/0/mediaType").asText());
        JsonNode raw = json.readTree(LayoutBlobs.path(dir, d.digest()).toFile());
        assertEquals(MediaTypes.DOCKER_CONFIG, raw.at("/config/mediaType").asText());
        assertEquals(MediaTypes.DOCKER_LAYER_GZIP, raw.at("/layers/0/mediaType").asText());
        Image back = OciLayout.read(dir, "docker");
        assertEquals(ManifestFormat.DOCKER, back.format());
        assertEquals(d.digest(), back.manifestBlob().descriptor().digest());

        Image asOci = new Image(ManifestFormat.OCI, back.config(), back.layers());
        OciLayout.write(asOci, dir, "oci");
        assertEquals(MediaTypes.OCI_LAYER_GZIP,
                json.readTree(Tools.skopeoInspectRaw("oci:" + dir + ":oci")).at("/layers/0/mediaType").asText());
    }

    @Test
    void aCorruptLayerLeavesNoTrace() throws IOException {
        Path dir = tmp.resolve("layout");
        Image good = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        OciLayout.write(good, dir, "good");
        byte[] indexBefore = Files.readAllBytes(dir.resolve("index.json"));

        Layer real = LayoutAssertions.textLayer(tmp, "real", "real\n");
        Digest claimed = Digest.sha256("something else".getBytes());
        Layer liar = new BlobFileLayer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, claimed, real.descriptor().size()),
                real.diffId(), tmp.resolve("real.tar.gz"));
        LayoutException e = assertThrows(LayoutException.class, () -> OciLayout.write(good.plusLayer(liar), dir, "bad"));
        assertTrue(e.getMessage().contains("digest mismatch") && e.getMessage().contains(claimed.toString()), e.getMessage());
        assertArrayEquals(indexBefore, Files.readAllBytes(dir.resolve("index.json")));
        assertFalse(Files.exists(LayoutBlobs.path(dir, claimed)));
        assertNoTempFiles(dir);

        Layer shortOne = new BlobFileLayer(real.descriptor().withMediaType(MediaTypes.OCI_LAYER_GZIP), real.diffId(),
                tmp.resolve("layer1.tar.gz"));
        LayoutException e2 = assertThrows(LayoutException.class, () -> OciLayout.write(good.plusLayer(shortOne), tmp.resolve("fresh"), "x"));
        assertTrue(e2.getMessage().contains("bytes"), e2.getMessage());
        assertFalse(Files.exists(tmp.resolve("fresh/index.json")));
        assertNoTempFiles(tmp.resolve("fresh"));
    }

    @Test
    void readErrorsNameTheRefAndTheLayout() throws IOException {
        Path dir = tmp.resolve("layout");
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        OciLayout.write(image, dir, "one");
        OciLayout.write(image, dir, "two");
        LayoutException e = assertThrows(LayoutException.class, () -> OciLayout.read(dir, "three"));
        assertTrue(e.getMessage().contains("'three'") && e.getMessage().contains("[one, two]")
                && e.getMessage().contains(dir.toString()), e.getMessage());
        assertThrows(LayoutException.class, () -> OciLayout.read(dir, null), "two entries, no ref");
        assertThrows(LayoutException.class, () -> OciLayout.read(tmp.resolve("nothing"), "one"));
        assertThrows(IllegalArgumentException.class, () -> OciLayout.write(image, dir, "bad ref"));
        assertThrows(IllegalArgumentException.class, () -> OciLayout.write(image, dir, "-leading"));

        Path config = LayoutBlobs.path(dir, image.configBlob().descriptor().digest());
        Files.writeString(config, Files.readString(config).replace("amd64", "arm64"));
        LayoutException bad = assertThrows(LayoutException.class, () -> OciLayout.read(dir, "one"));
        assertTrue(bad.getMessage().contains("config") && bad.getMessage().contains(config.toString()), bad.getMessage());
    }

    @Test
    void readsAnIndexFromSkopeoAndRunsWhatItWrites() throws IOException {
        Path pulled = tmp.resolve("pulled");
        Tools.skopeoCopy(dev.kiln.testsupport.TestEnv.registry() + "/busybox:index", "oci:" + pulled + ":bb");
        Image busybox = OciLayout.read(pulled, "bb");
        assertEquals(1, busybox.layers().size());

        Image app = busybox.plusLayer(LayoutAssertions.textLayer(tmp, "app", "written by kiln's OciLayout\n"));
        Path out = tmp.resolve("out");
        OciLayout.write(app, out, "app");
        assertTrue(Tools.ociImageToolValidate(out).ok());
        ToolResult r = Tools.runImage("oci:" + out + ":app", "sh", "-c", "cat /etc/kiln-test.txt; echo $PATH");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().startsWith("written by kiln's OciLayout\n/usr/local/sbin:"), r.stdout());
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<String> refs(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        json.readTree(dir.resolve("index.json").toFile()).get("manifests")
                .forEach(m -> out.add(m.at("/annotations/org.opencontainers.image.ref.name").asText()));
        return out;
    }

    private static List<Path> blobs(Path dir) throws IOException {
        try (var s = Files.list(dir.resolve("blobs/sha256"))) {
            return s.toList();
        }
    }

    private static byte[] bytes(Layer l) throws IOException {
        try (InputStream in = l.open()) {
            return in.readAllBytes();
        }
    }
}
