package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Index;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pulls from the plain test registry (busybox images pushed by testbed/base-images.sh). */
class RegistryPullTest {
    private final String reg = Fixtures.registry();
    private final RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg), Credentials.NONE, EventSink.NONE);

    @Test
    void pullsOciImageWithoutDownloadingLayers() throws IOException {
        RemoteImage img = images.pull(Reference.parse(reg + "/busybox:latest"), AMD64);
        assertEquals(ManifestFormat.OCI, img.image().format());
        assertEquals(MediaTypes.OCI_MANIFEST, img.manifestMediaType());
        assertEquals(Digest.sha256(img.manifestBytes()), img.manifestDigest());
        assertEquals(List.of("sh"), img.image().config().config().cmd());
        assertEquals(1, img.image().layers().size());
        Layer l = img.image().layers().getFirst();
        assertInstanceOf(RemoteLayer.class, l);
        assertEquals(img.image().config().rootfs().diffIds().getFirst(), l.diffId());
        assertEquals(reg, l.origin().orElseThrow().registry());
        assertEquals("busybox", l.origin().orElseThrow().repository());
    }

    @Test
    void layerDownloadIsVerified() throws IOException {
        RemoteImage img = images.pull(Reference.parse(reg + "/busybox:latest"), AMD64);
        Layer l = img.image().layers().getFirst();
        long n;
        try (InputStream in = l.open()) {
            n = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertEquals(l.descriptor().size(), n);
    }

    @Test
    void indexSelectsPlatform() throws IOException {
        RemoteImage viaIndex = images.pull(Reference.parse(reg + "/busybox:index"), AMD64);
        RemoteImage direct = images.pull(Reference.parse(reg + "/busybox:latest"), AMD64);
        assertEquals(direct.manifestDigest(), viaIndex.manifestDigest());
        assertEquals(direct.image().config(), viaIndex.image().config());

        ManifestResponse idx = images.pullClient().getManifest(Reference.parse(reg + "/busybox:index"));
        assertTrue(idx.isIndex());
        Index index = Json.read(idx.bytes(), Index.class);
        assertEquals(index.select(AMD64).orElseThrow().digest(), viaIndex.manifestDigest());
    }

    @Test
    void indexWithoutThePlatformListsWhatThereIs() {
        IOException e = assertThrows(IOException.class,
                () -> images.pull(Reference.parse(reg + "/busybox:index"), Platform.of("linux", "arm64", null)));
        assertTrue(e.getMessage().contains("linux/arm64"), e.getMessage());
        assertTrue(e.getMessage().contains("available: linux/amd64"), e.getMessage());
    }

    @Test
    void dockerMediaTypes() throws IOException {
        RemoteImage img = images.pull(Reference.parse(reg + "/busybox:docker"), AMD64);
        assertEquals(ManifestFormat.DOCKER, img.image().format());
        assertEquals(MediaTypes.DOCKER_MANIFEST, img.manifestMediaType());
        assertEquals(MediaTypes.DOCKER_LAYER_GZIP, img.image().layers().getFirst().descriptor().mediaType());
    }

    @Test
    void pullByDigestVerifiesAndKeepsDigest() throws IOException {
        RemoteImage byTag = images.pull(Reference.parse(reg + "/busybox:layers"), AMD64);
        assertEquals(3, byTag.image().layers().size());
        Reference byDigest = Reference.parse(reg + "/busybox@" + byTag.manifestDigest());
        RemoteImage again = images.pull(byDigest, AMD64);
        assertEquals(byTag.manifestDigest(), again.manifestDigest());

        Digest wrong = Digest.sha256(new byte[] {1});
        RegistryException e = assertThrows(RegistryException.class,
                () -> images.pull(Reference.parse(reg + "/busybox@" + wrong), AMD64));
        assertEquals(404, e.status());
    }

    @Test
    void missingTagIs404ManifestUnknown() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> images.pull(Reference.parse(reg + "/busybox:no-such-tag"), AMD64));
        assertEquals(404, e.status());
        assertTrue(e.hasCode("MANIFEST_UNKNOWN"), e.getMessage());
        assertEquals("GET", e.method());
        assertEquals("/v2/busybox/manifests/no-such-tag", e.path());
        assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN"), e.getMessage());
    }

    @Test
    void missingRepositoryIsNameUnknownOrManifestUnknown() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> images.pullClient().getManifest(Reference.parse(reg + "/" + Fixtures.repo("none") + ":x")));
        assertEquals(404, e.status());
        assertFalse(e.errors().isEmpty());
    }

    @Test
    void plainHttpNeedsInsecureOptionUnlessOnLoopback() throws IOException {
        var server = NonLoopbackHttpServer.start();
        assumeTrue(server.isPresent(), "no non-loopback address on this machine");
        try (NonLoopbackHttpServer s = server.get()) {
            RegistryClient strict = new RegistryClient(RegistryOptions.DEFAULT, Purpose.PULL, Credentials.NONE, EventSink.NONE);
            IOException e = assertThrows(IOException.class, () -> strict.getManifest(Reference.parse(s.registry() + "/busybox:latest")));
            assertFalse(e instanceof RegistryException);
            assertTrue(e.getMessage().contains("https"), e.getMessage());
            assertTrue(e.getMessage().contains("insecure"), e.getMessage());
        }
        RegistryClient loopback = new RegistryClient(RegistryOptions.DEFAULT, Purpose.PULL, Credentials.NONE, EventSink.NONE);
        assertNotNull(loopback.getManifest(Reference.parse(reg + "/busybox:latest")), "go-containerregistry: loopback may use http");
    }

    @Test
    void insecurePullAppliesToPullsOnly() throws IOException {
        var server = NonLoopbackHttpServer.start();
        assumeTrue(server.isPresent(), "no non-loopback address on this machine");
        try (NonLoopbackHttpServer s = server.get()) {
            RegistryOptions o = RegistryOptions.DEFAULT.withInsecurePull(true);
            RegistryClient pull = new RegistryClient(o, Purpose.PULL, Credentials.NONE, EventSink.NONE);
            assertFalse(pull.blobExists(s.registry(), "busybox", Digest.sha256(new byte[0])), "reached over http: 404");
            RegistryClient push = new RegistryClient(o, Purpose.PUSH, Credentials.NONE, EventSink.NONE);
            IOException e = assertThrows(IOException.class, () -> push.blobExists(s.registry(), "busybox", Digest.sha256(new byte[0])));
            assertTrue(e.getMessage().contains("insecure"), e.getMessage());
        }
    }
}
