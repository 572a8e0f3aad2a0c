package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Digest;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/** Pushes to the plain test registry and checks the result with skopeo and kiln's own pull. */
class RegistryPushTest {
    @TempDir Path tmp;
    private final String reg = Fixtures.registry();
    private final Fixtures.Events events = new Fixtures.Events();
    private final RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg), Credentials.NONE, events);

    private Image baseImage() throws IOException {
        return images.pull(Reference.parse(reg + "/busybox:latest"), AMD64).image();
    }

    private Image builtImage(String content) throws IOException {
        TarGzLayer layer = TarGzLayer.of(tmp, "app", Map.of("app/hello.txt", content, "app/b.txt", "b\n"));
        Image base = baseImage();
        Image img = base.plusLayer(layer);
        return img.withConfig(img.config().plusHistory(new History("2024-01-02T00:00:00Z", "COPY app /app", null, null, null)));
    }

    @Test
    void pushesBuiltImageReadableBySkopeoAndKiln() throws Exception {
        Image img = builtImage("hello " + System.nanoTime() + "\n");
        Reference dest = Reference.parse(reg + "/" + Fixtures.repo("push") + ":1");
        Map<Reference, Digest> out = images.push(img, List.of(dest));
        Digest digest = out.get(dest);
        assertEquals(img.manifestBlob().descriptor().digest(), digest);

        JsonNode inspect = Json.mapper().readTree(Fixtures.run("skopeo", "inspect", "--tls-verify=false", "docker://" + dest));
        assertEquals(digest.toString(), inspect.path("Digest").asText());
        assertEquals(2, inspect.path("Layers").size());
        assertEquals(img.layers().get(1).descriptor().digest().toString(), inspect.path("Layers").get(1).asText());

        RemoteImage back = images.pull(dest, AMD64);
        assertEquals(digest, back.manifestDigest());
        assertArrayEquals(img.manifestBlob().bytes(), back.manifestBytes());
        assertEquals(img.config(), back.image().config());
        Layer pushed = back.image().layers().get(1);
        try (InputStream in = pushed.open()) {
            assertArrayEquals(Files.readAllBytes(((TarGzLayer) img.layers().get(1)).file()), in.readAllBytes());
        }
        assertTrue(events.any("mounted from busybox"), "base layer should be mounted from its origin:\n" + events);
        assertTrue(events.any("uploaded"), events.toString());
    }

    @Test
    void baseBlobsAreMountedAcrossRepositories() throws IOException {
        Image base = baseImage();
        Digest layer = base.layers().getFirst().descriptor().digest();
        Reference x = Reference.parse(reg + "/" + Fixtures.repo("mount-x") + ":base");
        Reference y = Reference.parse(reg + "/" + Fixtures.repo("mount-y") + ":base");
        RegistryClient push = images.pushClient();
        assertFalse(push.blobExists(reg, y.repository(), layer));

        images.push(base, List.of(x));
        assertTrue(push.blobExists(reg, x.repository(), layer));
        assertTrue(push.mountBlob(reg, y.repository(), layer, x.repository()), "registry mounts from X into Y");
        assertTrue(push.blobExists(reg, y.repository(), layer));

        images.push(base, List.of(y));
        assertTrue(events.any("-> " + y.name() + ": exists"), events.toString());
        assertFalse(push.mountBlob(reg, Fixtures.repo("mount-z"), Digest.sha256(new byte[] {42}), x.repository()),
                "a blob the source does not have is not mounted");
    }

    @Test
    void twoDestinationsShareUploads() throws IOException {
        Image img = builtImage("two " + System.nanoTime() + "\n");
        Reference a = Reference.parse(reg + "/" + Fixtures.repo("two-a") + ":v1");
        Reference b = Reference.parse(reg + "/" + Fixtures.repo("two-b") + ":v1");
        Reference a2 = a.withTag("v2");
        Map<Reference, Digest> out = images.push(img, List.of(a, b, a2));
        Digest expected = img.manifestBlob().descriptor().digest();
        assertEquals(Map.of(a, expected, b, expected, a2, expected), out);
        Digest local = img.layers().get(1).descriptor().digest();
        String shortLocal = local.algorithm() + ":" + local.hex().substring(0, 12);
        assertTrue(events.any(shortLocal + " -> " + a.name() + ": uploaded"), events.toString());
        assertTrue(events.any(shortLocal + " -> " + b.name() + ": mounted from " + a.repository()), events.toString());
        for (Reference r : List.of(a, b, a2)) assertEquals(expected, images.pull(r, AMD64).manifestDigest());
    }

    @Test
    void failedBlobMeansNoManifestAnywhere() throws IOException {
        TarGzLayer good = TarGzLayer.of(tmp, "bad", Map.of("x.txt", "x " + System.nanoTime()));
        TarGzLayer lying = good.lyingAbout(Digest.sha256(new byte[] {7, 7, 7}));
        Image img = baseImage().plusLayer(lying);
        Reference a = Reference.parse(reg + "/" + Fixtures.repo("fail-a") + ":1");
        Reference b = Reference.parse(reg + "/" + Fixtures.repo("fail-b") + ":1");
        IOException e = assertThrows(IOException.class, () -> images.push(img, List.of(a, b)));
        assertTrue(e.getMessage().contains("no manifest was pushed"), e.getMessage());
        assertTrue(e.getMessage().contains("DIGEST_INVALID") || e.getMessage().contains("400"), e.getMessage());
        for (Reference r : List.of(a, b)) {
            RegistryException missing = assertThrows(RegistryException.class, () -> images.pullClient().getManifest(r));
            assertEquals(404, missing.status());
        }
    }

    @Test
    void uploadAndReadBackSmallBlobs() throws IOException {
        String repo = Fixtures.repo("blobs");
        RegistryClient c = images.pushClient();
        dev.kiln.image.BytesBlob empty = dev.kiln.image.BytesBlob.of("application/octet-stream", new byte[0]);
        dev.kiln.image.BytesBlob some = dev.kiln.image.BytesBlob.of("application/octet-stream", "payload".getBytes());
        for (var blob : List.of(empty, some)) {
            assertFalse(c.blobExists(reg, repo, blob.descriptor().digest()));
            c.uploadBlob(reg, repo, blob);
            assertTrue(c.blobExists(reg, repo, blob.descriptor().digest()));
            assertArrayEquals(blob.bytes(), c.readBlob(reg, repo, blob.descriptor(), 100));
        }
    }
}
