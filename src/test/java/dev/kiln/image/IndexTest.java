package dev.kiln.image;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexTest {
    private static Descriptor manifest(String content, String platform) {
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(content.getBytes(StandardCharsets.UTF_8)), 100);
        return platform == null ? d : d.withPlatform(platform(platform));
    }

    private static Platform platform(String s) {
        String[] p = s.split("/");
        return Platform.of(p[0], p[1], p.length > 2 ? p[2] : null);
    }

    private static Index index(Descriptor... ds) {
        return new Index(2, MediaTypes.OCI_INDEX, List.of(ds), null);
    }

    @Test
    void selectsByPlatform() {
        Descriptor amd = manifest("amd64", "linux/amd64");
        Descriptor arm64 = manifest("arm64", "linux/arm64/v8");
        Descriptor armv7 = manifest("armv7", "linux/arm/v7");
        Descriptor armv6 = manifest("armv6", "linux/arm/v6");
        Index idx = index(manifest("attestation", "unknown/unknown"), armv6, amd, arm64, armv7);
        assertEquals(Optional.of(amd), idx.select(Platform.parse("linux/amd64")));
        assertEquals(Optional.of(amd), idx.select(Platform.parse("linux/x86_64")));
        assertEquals(Optional.of(arm64), idx.select(Platform.parse("linux/arm64")));
        assertEquals(Optional.of(armv7), idx.select(Platform.parse("linux/arm")));
        assertEquals(Optional.of(armv6), idx.select(Platform.parse("linux/arm/v6")));
        assertEquals(Optional.empty(), idx.select(Platform.parse("linux/s390x")));
        assertEquals(Optional.empty(), idx.select(Platform.parse("windows/amd64")));
    }

    @Test
    void prefersExactVariant() {
        Descriptor v9 = manifest("v9", "linux/arm64/v9");
        Descriptor plain = manifest("plain", "linux/arm64");
        Index idx = index(v9, plain);
        assertEquals(Optional.of(plain), idx.select(Platform.parse("linux/arm64")));
        assertEquals(Optional.of(v9), idx.select(Platform.of("linux", "arm64", "v9")));
        assertEquals(Optional.of(v9), index(v9).select(Platform.parse("linux/arm64")), "any variant when none is exact");
    }

    @Test
    void ignoresNestedIndexesAndUnplatformedEntries() {
        Descriptor nested = new Descriptor(MediaTypes.OCI_INDEX, Digest.sha256(new byte[]{1}), 10)
                .withPlatform(Platform.parse("linux/amd64"));
        Descriptor noPlatform = manifest("none", null);
        Descriptor docker = new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.sha256(new byte[]{2}), 10)
                .withPlatform(Platform.parse("linux/amd64"));
        Index idx = index(nested, noPlatform, docker);
        assertEquals(Optional.of(docker), idx.select(Platform.parse("linux/amd64")));
        assertEquals(Optional.empty(), index(nested, noPlatform).select(Platform.parse("linux/amd64")));
    }

    @Test
    void jsonRoundTripAndEmptyManifests() {
        Index idx = index(manifest("amd64", "linux/amd64"), manifest("armv7", "linux/arm/v7"));
        assertEquals(idx, Json.read(Json.write(idx), Index.class));
        String empty = new String(Json.write(index()), StandardCharsets.UTF_8);
        assertTrue(empty.contains("\"manifests\":[]"), empty);
        assertThrows(IllegalArgumentException.class, () -> new Index(1, MediaTypes.OCI_INDEX, List.of(), null));
    }
}
