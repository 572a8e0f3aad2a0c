package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Chainguard's/osscontainertools' Kaniko {@code --annotation KEY=VALUE}: annotations on the output manifest. */
class AnnotationTest {
    @TempDir Path tmp;

    @Test
    void annotationsLandOnTheManifestSortedByKey() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nENV A=b\n");
        Path layout = tmp.resolve("oci");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--oci-layout-path", layout.toString(),
                "--annotation", "org.opencontainers.image.source=https://example.com/x", "--annotation=a.first=1=2");
        assertEquals(0, r.exitCode(), r.toString());
        ObjectMapper json = new ObjectMapper();
        String digest = json.readTree(layout.resolve("index.json").toFile()).get("manifests").get(0).get("digest").asText();
        String manifest = Files.readString(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
        JsonNode annotations = json.readTree(manifest).get("annotations");
        assertEquals("https://example.com/x", annotations.get("org.opencontainers.image.source").asText(), manifest);
        assertEquals("1=2", annotations.get("a.first").asText());
        assertTrue(manifest.indexOf("a.first") < manifest.indexOf("org.opencontainers"), "keys sorted: " + manifest);

        ToolResult bad = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--annotation", "novalue");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("--annotation"), bad.stderr());
    }
}
