package dev.kiln.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OCI image-spec schemas (corpus oci-image-spec-schema): first the validator against upstream's own
 * valid/invalid documents, then the documents kiln's image model writes.
 */
class OciSchemaTest {
    private static OciSchemas schemas;
    private static Path corpus;

    @BeforeAll
    static void load() {
        schemas = OciSchemas.load();
        corpus = TestEnv.corpora().resolve("oci-image-spec-schema");
    }

    @TestFactory
    Stream<DynamicTest> upstreamValidationCases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(corpus.resolve("validation-cases.json").toFile()).get("cases");
        assertEquals(71, cases.size(), "validation-cases.json case count");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("id").asText() + (c.get("expectValid").asBoolean() ? " valid" : " invalid");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String body = c.has("body") ? c.get("body").asText() : dockerAsOci(c);
                List<String> errs = schemas.errors(c.get("validator").asText(), body);
                if (c.get("expectValid").asBoolean()) {
                    assertTrue(errs.isEmpty(), () -> c.get("id").asText() + " should be valid: " + errs);
                } else {
                    assertFalse(errs.isEmpty(), () -> c.get("id").asText() + " should be invalid ("
                            + c.path("upstreamComment").asText() + ")");
                }
            }));
        }
        return tests.stream();
    }

    /** Backwards-compatibility cases: check the digest of the Docker document, then validate it as OCI. */
    private static String dockerAsOci(JsonNode c) {
        String docker = c.get("dockerBody").asText();
        assertEquals(c.get("dockerBodySha256").asText(),
                Digest.sha256(docker.getBytes(StandardCharsets.UTF_8)).toString(), "sha256 of " + c.get("id").asText());
        return docker.replace(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX)
                .replace(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST)
                .replace(MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.OCI_LAYER_GZIP)
                .replace(MediaTypes.DOCKER_CONFIG, MediaTypes.OCI_CONFIG);
    }

    @TestFactory
    Stream<DynamicTest> specExamplesAreValid() throws IOException {
        JsonNode examples = new ObjectMapper().readTree(corpus.resolve("spec-examples.json").toFile()).get("examples");
        assertEquals(13, examples.size(), "spec-examples.json example count");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode e : examples) {
            String name = e.get("file").asText() + ":" + e.get("line").asText() + " " + e.get("title").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> errs = schemas.errors(e.get("mediaType").asText(), e.get("body").asText());
                assertTrue(errs.isEmpty(), () -> name + ": " + errs);
            }));
        }
        return tests.stream();
    }

    @Test
    void imageManifestAndConfigAreValid(@TempDir Path tmp) throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        schemas.assertValid(MediaTypes.OCI_MANIFEST, image.manifestBlob().bytes());
        schemas.assertValid(MediaTypes.OCI_CONFIG, image.configBlob().bytes());
    }

    @Test
    void fullConfigIsValid(@TempDir Path tmp) throws IOException {
        ContainerConfig cc = ContainerConfig.EMPTY
                .withUser("1000:1000")
                .withExposedPorts(Map.of("8080/tcp", Map.of(), "53/udp", Map.of()))
                .withEnv(List.of("PATH=/usr/bin:/bin", "EMPTY="))
                .withEntrypoint(List.of("/bin/app"))
                .withCmd(List.of("--serve"))
                .withVolumes(Map.of("/data", Map.of()))
                .withWorkingDir("/srv")
                .withLabels(Map.of("org.opencontainers.image.title", "kiln test"))
                .withStopSignal("SIGTERM")
                .withArgsEscaped(true)
                .withHealthcheck(new Healthcheck(List.of("CMD", "true"), 30_000_000_000L, 5_000_000_000L, 0, 0, 3))
                .withOnBuild(List.of("RUN true"))
                .withShell(List.of("/bin/sh", "-c"));
        Image base = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        ImageConfig config = base.config().withConfig(cc).withAuthor("kiln").withCreated("2024-01-01T00:00:00Z")
                .plusHistory(new History("2024-01-01T00:00:00Z", "COPY . /", null, null, null))
                .plusHistory(new History("2024-01-01T00:00:00Z", "ENV A=b", null, "meta", true));
        Image image = base.withConfig(config);
        schemas.assertValid(MediaTypes.OCI_CONFIG, image.configBlob().bytes());
        schemas.assertValid(MediaTypes.OCI_MANIFEST, image.manifestBlob().bytes());
    }

    @Test
    void indexIsValid(@TempDir Path tmp) throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        Descriptor m = image.manifestBlob().descriptor();
        Index index = new Index(2, MediaTypes.OCI_INDEX, List.of(
                m.withPlatform(Platform.parse("linux/amd64")),
                m.withPlatform(Platform.parse("linux/arm/v7")).withAnnotations(Map.of("org.example", "x"))),
                Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));
        schemas.assertValid(MediaTypes.OCI_INDEX, Json.write(index));
        schemas.assertValid(MediaTypes.OCI_INDEX, Json.write(new Index(2, MediaTypes.OCI_INDEX, List.of(), null)));
    }

    @Test
    void descriptorWithUrlsIsValid() {
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_NONDIST_GZIP, Digest.sha256(new byte[0]), 0,
                List.of("https://example.com/layer.tar.gz"), Map.of("a", "b"), null);
        schemas.assertValid("application/vnd.oci.descriptor.v1+json", Json.write(d));
    }

    @Test
    void validatorRejectsBrokenDocuments(@TempDir Path tmp) throws IOException {
        Image image = TestImages.twoLayers(ManifestFormat.OCI, tmp);
        String manifest = new String(image.manifestBlob().bytes(), StandardCharsets.UTF_8);
        assertFalse(schemas.errors(MediaTypes.OCI_MANIFEST, manifest.replace("\"schemaVersion\":2", "\"schemaVersion\":1")).isEmpty());
        String config = new String(image.configBlob().bytes(), StandardCharsets.UTF_8);
        assertFalse(schemas.errors(MediaTypes.OCI_CONFIG, config.replace("PATH=/bin", "PATH")).isEmpty());
    }
}
