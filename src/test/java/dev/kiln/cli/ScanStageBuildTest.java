package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.attest.SbomFixtures;
import dev.kiln.attest.SbomSchemas;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15, BUILDKIT_SBOM_SCAN_STAGE: a builder stage that opts in holds a jar and a Python dist-info that are not
 * copied into the final image; the SBOMs list them, marked with the stage, only with the opt-in. Without it the SBOM
 * is the same document as for a Dockerfile that never mentions the argument, and the image never changes.
 */
class ScanStageBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILD_ONLY_PY = "pkg:pypi/buildtool@3.1.0", BUILD_ONLY_JAR = "pkg:maven/com.example/compiler@2.0";
    @TempDir Path tmp;

    @Test
    void anOptedInBuilderStageAddsItsPackagesToTheSbom() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.write(ctx.resolve("compiler-2.0.jar"), SbomFixtures.jar(Map.of("META-INF/maven/com.example/compiler/pom.properties",
                SbomFixtures.text("groupId=com.example\nartifactId=compiler\nversion=2.0\n"))));
        Files.write(ctx.resolve("demo-1.0.jar"), SbomFixtures.jar(Map.of("META-INF/maven/com.example/demo/pom.properties",
                SbomFixtures.text("groupId=com.example\nartifactId=demo\nversion=1.0\n"))));
        Path tool = Files.createDirectories(ctx.resolve("site/buildtool-3.1.0.dist-info"));
        Files.writeString(tool.resolve("METADATA"), "Metadata-Version: 2.1\nName: buildtool\nVersion: 3.1.0\nLicense: MIT\n\n");
        Path shared = Files.createDirectories(ctx.resolve("site/shared-1.0.dist-info"));
        Files.writeString(shared.resolve("METADATA"), "Metadata-Version: 2.1\nName: shared\nVersion: 1.0\n\n");
        Files.writeString(ctx.resolve("app.txt"), "the built app\n");
        String dockerfile = """
                FROM %1$s/busybox:latest AS builder
                ARG BUILDKIT_SBOM_SCAN_STAGE=true
                COPY compiler-2.0.jar /opt/tools/
                COPY site /usr/lib/python3/site-packages
                COPY app.txt /out/app.txt
                FROM %1$s/busybox:latest
                COPY --from=builder /out/app.txt /app/app.txt
                COPY --from=builder /usr/lib/python3/site-packages/shared-1.0.dist-info /usr/lib/python3/site-packages/shared-1.0.dist-info
                COPY demo-1.0.jar /app/lib/
                """.formatted(reg);
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("Plain.Dockerfile"), dockerfile.replace("ARG BUILDKIT_SBOM_SCAN_STAGE=true\n", ""));

        Build optedIn = build(ctx, "Dockerfile", "in");
        Build optedOut = build(ctx, "Dockerfile", "out", "--build-arg", "BUILDKIT_SBOM_SCAN_STAGE=false");
        Build plain = build(ctx, "Plain.Dockerfile", "plain");

        assertEquals(plain.image, optedIn.image, "scanning a stage never changes the image");
        assertEquals(plain.image, optedOut.image);
        assertArrayEquals(plain.spdx, optedOut.spdx, "without the opt-in the SBOM is the final image's alone");
        assertArrayEquals(plain.cdx, optedOut.cdx);
        for (Build b : List.of(plain, optedOut)) {
            String s = new String(b.spdx);
            assertTrue(s.contains("pkg:maven/com.example/demo@1.0") && s.contains("pkg:pypi/shared@1.0"), s);
            assertFalse(s.contains(BUILD_ONLY_PY) || s.contains(BUILD_ONLY_JAR) || s.contains("kiln:stage"), s);
        }

        assertEquals(List.of(), SbomSchemas.spdxErrors(optedIn.spdx));
        assertEquals(List.of(), SbomSchemas.cycloneDxErrors(optedIn.cdx));
        JsonNode spdx = JSON.readTree(optedIn.spdx);
        Map<String, JsonNode> byPurl = new HashMap<>();
        for (JsonNode p : spdx.path("packages")) {
            String purl = p.path("externalRefs").path(0).path("referenceLocator").asText();
            assertNull(byPurl.put(purl, p), "each package once: " + purl);
        }
        for (String purl : List.of(BUILD_ONLY_PY, BUILD_ONLY_JAR)) {
            JsonNode p = byPurl.get(purl);
            assertNotNull(p, purl + " in " + spdx);
            assertEquals("kiln:stage=builder", p.path("annotations").path(0).path("comment").asText());
            assertEquals(List.of("BUILD_DEPENDENCY_OF"), relationships(spdx, p.path("SPDXID").asText()));
        }
        for (String purl : List.of("pkg:pypi/shared@1.0", "pkg:maven/com.example/demo@1.0")) {
            assertFalse(byPurl.get(purl).has("annotations"), purl + " is in the image itself");
            assertEquals(List.of("CONTAINS"), relationships(spdx, byPurl.get(purl).path("SPDXID").asText()));
        }
        JsonNode cdx = JSON.readTree(optedIn.cdx);
        int stageComponents = 0;
        for (JsonNode c : cdx.path("components")) {
            boolean fromStage = c.path("purl").asText().equals(BUILD_ONLY_PY) || c.path("purl").asText().equals(BUILD_ONLY_JAR);
            assertEquals(fromStage, c.path("properties").toString().contains("{\"name\":\"kiln:stage\",\"value\":\"builder\"}"), c.toString());
            assertEquals(fromStage ? "excluded" : "", c.path("scope").asText(), c.toString());
            if (fromStage) stageComponents++;
        }
        assertEquals(2, stageComponents);
    }

    private record Build(String image, byte[] spdx, byte[] cdx) {}

    private Build build(Path ctx, String dockerfile, String name, String... more) throws IOException {
        Path layout = tmp.resolve("oci-" + name);
        List<String> args = new ArrayList<>(List.of("build", "-c", ctx.toString(), "-f", ctx.resolve(dockerfile).toString(),
                "--no-push", "--insecure-pull", "--reproducible", "--oci-layout-path", layout.toString(), "--sbom=spdx,cyclonedx"));
        args.addAll(List.of(more));
        ToolResult r = Kiln.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        String image = null;
        byte[] spdx = null, cdx = null;
        for (JsonNode d : JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
            JsonNode m = JSON.readTree(blob(layout, d.path("digest").asText()));
            switch (m.path("artifactType").asText()) {
                case "application/spdx+json" -> spdx = blob(layout, m.path("layers").get(0).path("digest").asText());
                case "application/vnd.cyclonedx+json" -> cdx = blob(layout, m.path("layers").get(0).path("digest").asText());
                default -> image = d.path("digest").asText();
            }
        }
        assertNotNull(spdx, r.toString());
        assertNotNull(cdx, r.toString());
        return new Build(image, spdx, cdx);
    }

    private static List<String> relationships(JsonNode spdx, String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : spdx.path("relationships")) {
            if (r.path("spdxElementId").asText().equals(id) || r.path("relatedSpdxElement").asText().equals(id)) {
                out.add(r.path("relationshipType").asText());
            }
        }
        return out;
    }

    private static byte[] blob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs").resolve(digest.replace(':', '/')));
    }
}
