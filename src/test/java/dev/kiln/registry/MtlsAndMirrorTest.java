package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/** A registry requiring client certificates (http.tls.clientcas), per-host CAs, HTTP/2, and pull mirrors. */
class MtlsAndMirrorTest {
    @TempDir static Path tmp;
    static TestPki pki;
    static RegistryProcess mtls;
    static RegistryProcess mirror;
    static Image busybox;
    static String plain;

    @BeforeAll
    static void start() throws Exception {
        plain = Fixtures.registry();
        pki = new TestPki(tmp.resolve("pki"));
        mtls = RegistryProcess.start(tmp.resolve("mtls"), """
                  tls:
                    certificate: %s
                    key: %s
                    clientcas:
                      - %s
                """.formatted(pki.file("server.crt"), pki.file("server.key"), pki.file("ca.crt")), "");
        mirror = RegistryProcess.start(tmp.resolve("mirror"), "", "");
        RegistryImages src = new RegistryImages(Fixtures.plainHttp(plain, mirror.address()), Credentials.NONE, EventSink.NONE);
        busybox = src.pull(Reference.parse(plain + "/busybox:latest"), AMD64).image();
        src.push(busybox, List.of(Reference.parse(mirror.address() + "/library/busybox:latest"),
                Reference.parse(mirror.address() + "/hub/library/busybox:latest")));
    }

    @AfterAll
    static void stop() {
        if (mtls != null) mtls.close();
        if (mirror != null) mirror.close();
    }

    private RegistryOptions mtlsOptions(ClientCertificate cert) {
        String reg = mtls.address();
        RegistryOptions o = RegistryOptions.DEFAULT.withInsecureRegistries(java.util.Set.of(plain))
                .withRegistryCertificates(Map.of(reg, List.of(pki.file("ca.crt"))));
        return cert == null ? o : o.withClientCertificates(Map.of(reg, cert));
    }

    @Test
    void pushAndPullWithClientCertificateOverHttp2() throws IOException {
        Fixtures.Events events = new Fixtures.Events();
        RegistryImages images = new RegistryImages(mtlsOptions(
                new ClientCertificate(pki.file("client.crt"), pki.file("client.key"))), Credentials.NONE, events);
        Reference ref = Reference.parse(mtls.address() + "/" + Fixtures.repo("mtls") + ":1");
        var digest = images.push(busybox, List.of(ref)).get(ref);
        assertEquals(digest, images.pull(ref, AMD64).manifestDigest());
        assertTrue(events.any(mtls.address() + " answers https with HTTP/2"), events.toString());
    }

    @Test
    void pkcs1ClientKeyIsAccepted() throws Exception {
        RegistryClient c = new RegistryClient(mtlsOptions(new ClientCertificate(pki.file("client.crt"), pki.clientKeyPkcs1())),
                Purpose.PULL, Credentials.NONE, EventSink.NONE);
        assertEquals(404, assertThrows(RegistryException.class,
                () -> c.getManifest(Reference.parse(mtls.address() + "/none/here:1"))).status());
    }

    @Test
    void withoutOrWithUntrustedClientCertificateTheHandshakeFails() throws Exception {
        pki.untrustedClient();
        Reference ref = Reference.parse(mtls.address() + "/none/here:1");
        for (ClientCertificate cert : new ClientCertificate[] {null, new ClientCertificate(pki.file("rogue.crt"), pki.file("rogue.key"))}) {
            RegistryClient c = new RegistryClient(mtlsOptions(cert), Purpose.PULL, Credentials.NONE, EventSink.NONE);
            IOException e = assertThrows(IOException.class, () -> c.getManifest(ref));
            assertFalse(e instanceof RegistryException, e.toString());
            assertTrue(e.getMessage().contains(mtls.address()), e.getMessage());
        }
        RegistryClient noCa = new RegistryClient(RegistryOptions.DEFAULT.withClientCertificates(Map.of(mtls.address(),
                new ClientCertificate(pki.file("client.crt"), pki.file("client.key")))), Purpose.PULL, Credentials.NONE, EventSink.NONE);
        assertThrows(IOException.class, () -> noCa.getManifest(ref), "the per-host CA is what makes the server trusted");
    }

    @Test
    void dockerHubPullsGoToTheMirrorFirst() throws IOException {
        Fixtures.Events events = new Fixtures.Events();
        Mirrors m = Mirrors.parse(List.of("127.0.0.1:1", mirror.address()), List.of(), true);
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(mirror.address(), "127.0.0.1:1")
                .withMirrors(m).withRetry(Retry.DEFAULT.withDownloadRetries(0)), Credentials.NONE, events);
        RemoteImage img = images.pull(Reference.parse("busybox"), AMD64);
        assertEquals("busybox", img.reference().repository().replace("library/", ""));
        assertEquals(busybox.config(), img.image().config());
        assertTrue(events.any("cannot pull docker.io/library/busybox:latest from mirror 127.0.0.1:1/library/busybox"), events.toString());
        assertTrue(events.any("from mirror " + mirror.address() + "/library/busybox"), events.toString());
        assertEquals(mirror.address(), ((RemoteLayer) img.image().layers().getFirst()).origin().orElseThrow().registry());
    }

    @Test
    void registryMapWithPathAndFallbackToTheOriginal() throws IOException {
        Fixtures.Events events = new Fixtures.Events();
        Mirrors m = Mirrors.parse(List.of(), List.of("docker.io=" + mirror.address() + "/hub", plain + "=" + mirror.address() + "/empty"), false);
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(mirror.address(), plain).withMirrors(m),
                Credentials.NONE, events);
        assertEquals(busybox.config(), images.pull(Reference.parse("docker.io/library/busybox:latest"), AMD64).image().config());
        assertTrue(events.any(mirror.address() + "/hub/library/busybox"), events.toString());
        RemoteImage viaFallback = images.pull(Reference.parse(plain + "/busybox:latest"), AMD64);
        assertEquals(plain, ((RemoteLayer) viaFallback.image().layers().getFirst()).origin().orElseThrow().registry());
        assertTrue(events.any("cannot pull " + plain + "/busybox:latest from mirror " + mirror.address() + "/empty/busybox"), events.toString());

        RegistryImages noFallback = new RegistryImages(Fixtures.plainHttp(mirror.address(), plain)
                .withMirrors(new Mirrors(m.byRegistry(), true)), Credentials.NONE, events);
        IOException e = assertThrows(IOException.class, () -> noFallback.pull(Reference.parse(plain + "/busybox:latest"), AMD64));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
}
