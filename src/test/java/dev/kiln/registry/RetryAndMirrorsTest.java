package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Value types behind the new registry flags: retry delays, Retry-After, mirrors, client certificates, immutable tags. */
class RetryAndMirrorsTest {
    private final Retry retry = Retry.DEFAULT.withDelays(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void backoffDoublesAndIsCapped() {
        assertEquals(Duration.ofMillis(100), retry.delay(1, null));
        assertEquals(Duration.ofMillis(200), retry.delay(2, null));
        assertEquals(Duration.ofMillis(400), retry.delay(3, null));
        assertEquals(Duration.ofSeconds(5), retry.delay(30, null));
    }

    @Test
    void retryAfterSecondsOrDateWinsButIsCapped() {
        assertEquals(Duration.ofSeconds(2), retry.delay(1, "2"));
        assertEquals(Duration.ZERO, retry.delay(3, "0"));
        assertEquals(Duration.ofSeconds(5), retry.delay(1, "120"));
        String date = ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = retry.delay(1, date);
        assertTrue(d.compareTo(Duration.ofSeconds(4)) <= 0 && !d.isNegative(), d.toString());
        assertEquals(Duration.ofMillis(100), retry.delay(1, "soon"), "unparseable Retry-After falls back to backoff");
    }

    @Test
    void attemptsPerPurposeAndValidation() {
        Retry r = Retry.DEFAULT.withPushRetries(5).withDownloadRetries(0);
        assertEquals(6, r.attempts(Purpose.PUSH));
        assertEquals(1, r.attempts(Purpose.PULL));
        assertThrows(IllegalArgumentException.class, () -> Retry.DEFAULT.withPushRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> Retry.DEFAULT.withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void registryMirrorAppliesToDockerHubOnly() {
        Mirrors m = Mirrors.parse(List.of("mirror.gcr.io", "https://m2.example/"), List.of(), false);
        assertEquals(List.of("mirror.gcr.io/library/busybox:1", "m2.example/library/busybox:1", "docker.io/library/busybox:1"),
                m.candidates(Reference.parse("busybox:1")).stream().map(Reference::toString).toList());
        assertEquals(List.of("quay.io/a/b:latest"), m.candidates(Reference.parse("quay.io/a/b")).stream().map(Reference::toString).toList());
    }

    @Test
    void registryMapAnyRegistryWithPathsAndNoFallback() {
        Mirrors m = Mirrors.parse(List.of(), List.of("index.docker.io=local:5000/hub;quay.io=local:5000/quay", "quay.io=q2"), true);
        assertEquals(Map.of("docker.io", List.of("local:5000/hub"), "quay.io", List.of("local:5000/quay", "q2")), m.byRegistry());
        assertEquals(List.of("local:5000/quay/a/b:latest", "q2/a/b:latest"),
                m.candidates(Reference.parse("quay.io/a/b")).stream().map(Reference::toString).toList());
        assertEquals(List.of("ghcr.io/x:latest"), m.candidates(Reference.parse("ghcr.io/x")).stream().map(Reference::toString).toList(),
                "no mirror: the original even with skipDefaultFallback");
        assertThrows(IllegalArgumentException.class, () -> Mirrors.parse(List.of(), List.of("=x"), false));
        assertThrows(IllegalArgumentException.class, () -> Mirrors.parse(List.of(), List.of("nokey"), false));
        assertThrows(IllegalArgumentException.class, () -> Mirrors.parse(List.of("UPPER CASE"), List.of(), false));
    }

    @Test
    void clientCertificateParsing() {
        assertEquals(new ClientCertificate(Path.of("/c.pem"), Path.of("/k.pem")), ClientCertificate.parse("/c.pem,/k.pem"));
        assertThrows(IllegalArgumentException.class, () -> ClientCertificate.parse("/c.pem"));
        assertThrows(IllegalArgumentException.class, () -> ClientCertificate.parse("/c.pem,"));
    }

    @Test
    void immutableTagErrorsAreRecognised() {
        assertTrue(Push.immutableTag(new RegistryException(400, "PUT", "h", "/v2/a/manifests/1",
                List.of(new RegistryException.RegistryError("TAG_INVALID", "x")), null)));
        assertTrue(Push.immutableTag(new RegistryException(412, "PUT", "h", "/v2/a/manifests/1",
                List.of(new RegistryException.RegistryError("PRECONDITION", "configured as immutable")), null)));
        assertFalse(Push.immutableTag(new RegistryException(400, "PUT", "h", "/v2/a/manifests/1",
                List.of(new RegistryException.RegistryError("MANIFEST_INVALID", "x")), null)));
    }

    @Test
    void optionsKeepNewComponents() {
        RegistryOptions o = RegistryOptions.DEFAULT.withUploadChunkSize(10).withPushIgnoreImmutableTagErrors(true)
                .withRegistryCertificates(Map.of("r:1", List.of(Path.of("/ca.pem"))));
        assertEquals(10, o.uploadChunkSize());
        assertTrue(o.withUserAgent("x").pushIgnoreImmutableTagErrors());
        assertEquals(List.of(Path.of("/ca.pem")), o.withInsecureAll(true).registryCertificates().get("r:1"));
        assertThrows(IllegalArgumentException.class, () -> o.withUploadChunkSize(-1));
    }

    @Test
    void tokenExpiryFromExpiresIn() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2025-01-01T00:00:00Z");
        TokenClient.Token t = TokenClient.parse("{\"token\":\"abc\",\"expires_in\":300}".getBytes(), "x", now);
        assertEquals("abc", t.value());
        assertFalse(t.expired(now.plusSeconds(200)));
        assertTrue(t.expired(now.plusSeconds(296)));
        assertFalse(t.toString().contains("abc"));
        assertNull(TokenClient.parse("{\"token\":\"abc\"}".getBytes(), "x", now).expiresAt());
    }
}
