package dev.kiln.attest;

import dev.kiln.attest.sbom.Ecosystem;
import dev.kiln.attest.sbom.ImageScanner;
import dev.kiln.attest.sbom.SbomFormat;
import dev.kiln.attest.sbom.SbomPackage;
import dev.kiln.attest.sbom.SbomSubject;
import dev.kiln.image.Image;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class ImageScannerTest {
    @TempDir Path tmp;

    @Test
    void findsPackagesOfTheFinalFilesystemWithTheirLayer() throws Exception {
        Image image = SbomFixtures.image(tmp);
        ImageScanner.Result r = ImageScanner.scan(image);
        Map<String, SbomPackage> byName = r.packages().stream().collect(Collectors.toMap(p -> p.record().name(), p -> p));
        assertEquals("debian", r.distro().id());
        assertEquals(List.of("@scope/pkg", "base-files", "com.example:demo", "curl", "libfoo1", "org.inner:inner", "requests"),
                byName.keySet().stream().sorted().toList());
        SbomPackage libfoo = byName.get("libfoo1");
        assertEquals("pkg:deb/debian/libfoo1@1.0-1?arch=amd64&distro=debian-12", libfoo.record().purl());
        assertEquals(List.of("MIT"), libfoo.record().licenses());
        assertEquals(0, libfoo.layerIndex(), "unchanged since the base layer although layer 1 rewrote the status file");
        assertEquals(image.config().rootfs().diffIds().get(0), libfoo.layer());
        assertEquals(1, byName.get("curl").layerIndex());
        assertEquals(Ecosystem.DEB, byName.get("curl").record().ecosystem());
        assertEquals("pkg:maven/com.example/demo@1.0", byName.get("com.example:demo").record().purl());
        assertEquals("app/lib/demo-1.0.jar", byName.get("com.example:demo").path());
        assertEquals("pkg:maven/org.inner/inner@2.1", byName.get("org.inner:inner").record().purl());
        assertEquals(List.of("Apache-2.0"), byName.get("org.inner:inner").record().licenses());
        assertEquals("pkg:pypi/requests@2.31.0", byName.get("requests").record().purl());
        assertEquals("pkg:npm/%40scope/pkg@1.2.3", byName.get("@scope/pkg").record().purl());
        assertFalse(byName.containsKey("left-pad"), "deleted by a whiteout in layer 2");
        assertFalse(byName.containsKey("oldpkg"), "only config files left: not installed");
    }

    @Test
    void spdxAndCycloneDxAreValidAgainstTheOfficialSchemas() throws Exception {
        Image image = SbomFixtures.image(tmp);
        ImageScanner.Result r = ImageScanner.scan(image);
        SbomSubject subject = new SbomSubject("127.0.0.1:5000/app:1", image.configBlob().descriptor().digest(), Instant.EPOCH, "test");
        byte[] spdx = SbomFormat.SPDX.write(subject, r);
        assertEquals(List.of(), SbomSchemas.spdxErrors(spdx), new String(spdx));
        byte[] cdx = SbomFormat.CYCLONEDX.write(subject, r);
        assertEquals(List.of(), SbomSchemas.cycloneDxErrors(cdx), new String(cdx));

        JsonNode s = new ObjectMapper().readTree(spdx);
        List<String> purls = s.path("packages").findValues("referenceLocator").stream().map(JsonNode::asText).toList();
        assertTrue(purls.contains("pkg:pypi/requests@2.31.0"), purls.toString());
        JsonNode c = new ObjectMapper().readTree(cdx);
        assertEquals("1.6", c.path("specVersion").asText());
        assertEquals(r.packages().size(), c.path("components").size());
        assertArrayEquals(spdx, SbomFormat.SPDX.write(subject, ImageScanner.scan(image)), "same image, same document");
    }
}
