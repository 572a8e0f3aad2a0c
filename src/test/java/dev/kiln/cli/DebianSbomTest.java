package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.attest.SbomSchemas;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15's Debian acceptance: after {@code apt-get install curl}, the SPDX and CycloneDX documents list exactly the
 * packages {@code dpkg-query -W} reports as installed inside the image (run with runc), both valid against their schemas.
 */
class DebianSbomTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void sbomListsEveryInstalledDpkgPackage() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s/debian:bookworm
                RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                """.formatted(reg));
        String dest = reg + "/test/debian-sbom:1";
        Path layout = tmp.resolve("oci");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull", "--isolation", "chroot",
                "--oci-layout-path", layout.toString(), "--sbom=spdx,cyclonedx");
        assertEquals(0, r.exitCode(), r.toString());

        ToolResult q = Tools.runImage(dest, "dpkg-query", "-W", "-f=${db:Status-Status} ${Package} ${Version}\\n");
        assertEquals(0, q.exitCode(), q.toString());
        Set<String> installed = new TreeSet<>();
        for (String line : q.stdout().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3 && f[0].equals("installed")) installed.add(f[1] + " " + f[2]);
        }
        assertTrue(installed.stream().anyMatch(p -> p.startsWith("curl ")), installed.toString());

        byte[] spdx = null, cdx = null;
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        for (JsonNode d : index.path("manifests")) {
            JsonNode m = JSON.readTree(layout.resolve("blobs").resolve(d.path("digest").asText().replace(':', '/')).toFile());
            String type = m.path("artifactType").asText();
            if (type.isEmpty()) continue;
            byte[] content = Files.readAllBytes(layout.resolve("blobs").resolve(m.path("layers").get(0).path("digest").asText().replace(':', '/')));
            if (type.equals("application/spdx+json")) spdx = content;
            if (type.equals("application/vnd.cyclonedx+json")) cdx = content;
        }
        assertNotNull(spdx, "SPDX in the OCI layout");
        assertNotNull(cdx, "CycloneDX in the OCI layout");
        assertEquals(List.of(), SbomSchemas.spdxErrors(spdx));
        assertEquals(List.of(), SbomSchemas.cycloneDxErrors(cdx));

        Set<String> inSpdx = new TreeSet<>();
        for (JsonNode p : JSON.readTree(spdx).path("packages")) {
            String purl = p.path("externalRefs").path(0).path("referenceLocator").asText();
            if (purl.startsWith("pkg:deb/debian/")) {
                assertTrue(purl.contains("distro=debian-12"), purl);
                inSpdx.add(p.path("name").asText() + " " + p.path("versionInfo").asText());
            }
        }
        assertEquals(installed, inSpdx, "SPDX lists exactly the installed dpkg packages");
        Set<String> inCdx = new TreeSet<>();
        for (JsonNode c : JSON.readTree(cdx).path("components")) {
            if (c.path("purl").asText().startsWith("pkg:deb/")) inCdx.add(c.path("name").asText() + " " + c.path("version").asText());
        }
        assertEquals(installed, inCdx, "CycloneDX lists exactly the installed dpkg packages");
        assertTrue(new String(spdx).contains("(layer 1, sha256:"), "curl came with the RUN layer");
    }
}
