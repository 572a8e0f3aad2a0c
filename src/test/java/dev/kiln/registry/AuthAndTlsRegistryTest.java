package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.testsupport.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/** The basic-auth registry (plain http) and the TLS registry signed by the testbed CA. */
class AuthAndTlsRegistryTest {
    @TempDir Path tmp;
    private final String plain = Fixtures.registry();

    private Image busybox() throws IOException {
        RegistryImages src = new RegistryImages(Fixtures.plainHttp(plain), Credentials.NONE, EventSink.NONE);
        return src.pull(Reference.parse(plain + "/busybox:latest"), AMD64).image();
    }

    private Credentials configWith(String registry, String user, String password) throws IOException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve("config.json"),
                "{\"auths\":{\"http://" + registry + "/v1/\":{\"auth\":\"" + auth + "\"}}}");
        return DockerConfig.load(tmp);
    }

    @Test
    void pushAndPullWithBasicAuthFromConfigJson() throws IOException {
        String reg = TestEnv.authRegistry();
        Credentials creds = configWith(reg, TestEnv.registryUser(), TestEnv.registryPassword());
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(plain, reg), creds, EventSink.NONE);
        Image img = busybox();
        Reference dest = Reference.parse(reg + "/" + Fixtures.repo("auth") + ":1");
        Digest d = images.push(img, List.of(dest)).get(dest);
        RemoteImage back = images.pull(dest, AMD64);
        assertEquals(d, back.manifestDigest());
        assertEquals(img.config(), back.image().config());
        assertEquals(1, back.image().layers().size());
        try (var in = back.image().layers().getFirst().open()) {
            assertEquals(back.image().layers().getFirst().descriptor().size(), in.transferTo(java.io.OutputStream.nullOutputStream()));
        }
    }

    @Test
    void wrongPasswordIs401WithoutLeakingIt() throws IOException {
        String reg = TestEnv.authRegistry();
        String badPassword = "not-the-password-" + System.nanoTime();
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg),
                configWith(reg, TestEnv.registryUser(), badPassword), EventSink.NONE);
        RegistryException pull = assertThrows(RegistryException.class,
                () -> images.pull(Reference.parse(reg + "/" + Fixtures.repo("wrong") + ":1"), AMD64));
        assertEquals(401, pull.status());
        assertFalse(pull.getMessage().contains(badPassword));
        assertTrue(pull.getMessage().contains("401"), pull.getMessage());

        IOException push = assertThrows(IOException.class,
                () -> images.push(busybox(), List.of(Reference.parse(reg + "/" + Fixtures.repo("wrong") + ":1"))));
        assertInstanceOf(RegistryException.class, push.getCause());
        assertEquals(401, ((RegistryException) push.getCause()).status());
        assertFalse(push.getMessage().contains(badPassword));
    }

    @Test
    void anonymousOnAuthRegistryIs401() {
        String reg = TestEnv.authRegistry();
        RegistryClient c = new RegistryClient(Fixtures.plainHttp(reg), Purpose.PULL, Credentials.NONE, EventSink.NONE);
        RegistryException e = assertThrows(RegistryException.class,
                () -> c.getManifest(Reference.parse(reg + "/busybox:latest")));
        assertEquals(401, e.status());
        assertTrue(e.hasCode("UNAUTHORIZED"), e.getMessage());
    }

    @Test
    void tlsRegistryWithExtraCa() throws IOException {
        String reg = TestEnv.tlsRegistry();
        RegistryOptions opts = RegistryOptions.DEFAULT.withInsecureRegistries(Set.of(plain))
                .withCaCertificates(List.of(TestEnv.registryCa()));
        RegistryImages images = new RegistryImages(opts, Credentials.NONE, EventSink.NONE);
        Image img = busybox();
        Reference dest = Reference.parse(reg + "/" + Fixtures.repo("tls") + ":1");
        Map<Reference, Digest> out = images.push(img, List.of(dest));
        assertEquals(out.get(dest), images.pull(dest, AMD64).manifestDigest());
    }

    @Test
    void tlsWithoutCaFailsUnlessVerificationIsSkipped() throws IOException {
        String reg = TestEnv.tlsRegistry();
        Reference missing = Reference.parse(reg + "/" + Fixtures.repo("tls-none") + ":1");
        RegistryClient strict = new RegistryClient(RegistryOptions.DEFAULT, Purpose.PULL, Credentials.NONE, EventSink.NONE);
        IOException e = assertThrows(IOException.class, () -> strict.getManifest(missing));
        assertFalse(e instanceof RegistryException, "TLS failure, not an HTTP status: " + e);
        assertTrue(e.getMessage().contains(reg), e.getMessage());

        RegistryOptions skip = RegistryOptions.DEFAULT.withSkipTlsVerifyPull(true);
        RegistryClient lax = new RegistryClient(skip, Purpose.PULL, Credentials.NONE, EventSink.NONE);
        assertEquals(404, assertThrows(RegistryException.class, () -> lax.getManifest(missing)).status(),
                "reached the registry over unverified TLS");

        RegistryClient insecure = new RegistryClient(RegistryOptions.DEFAULT.withInsecureRegistries(Set.of(reg)),
                Purpose.PUSH, Credentials.NONE, EventSink.NONE);
        assertFalse(insecure.blobExists(reg, missing.repository(), Digest.sha256(new byte[] {3})));
    }
}
