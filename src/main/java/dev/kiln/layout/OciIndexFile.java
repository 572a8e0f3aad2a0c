package dev.kiln.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code index.json} of an OCI image layout, edited as a JSON tree so that entries and fields written
 * by other tools survive an update untouched.
 */
final class OciIndexFile {
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private OciIndexFile() {}

    static Path path(Path layout) {
        return layout.resolve("index.json");
    }

    /** Adds {@code manifest} (already annotated with its ref name, if any) and drops the entry it replaces. */
    static void put(Path layout, Descriptor manifest, String refName) throws IOException {
        ObjectNode index = readOrEmpty(layout);
        ArrayNode old = (ArrayNode) index.get("manifests");
        ArrayNode kept = Json.mapper().createArrayNode();
        for (JsonNode d : old) {
            String ref = refName(d);
            boolean replaced = refName != null
                    ? refName.equals(ref)
                    : ref == null && manifest.digest().toString().equals(d.path("digest").asText());
            if (!replaced) kept.add(d);
        }
        kept.add(Json.mapper().valueToTree(manifest));
        index.set("manifests", kept);
        AtomicFiles.write(path(layout), Json.mapper().writeValueAsBytes(index));
    }

    static ObjectNode readOrEmpty(Path layout) throws IOException {
        Path p = path(layout);
        if (!Files.exists(p)) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("schemaVersion", 2);
            n.put("mediaType", MediaTypes.OCI_INDEX);
            n.putArray("manifests");
            return n;
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new LayoutException(p + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(n instanceof ObjectNode o) || !(o.get("manifests") instanceof ArrayNode)) {
            throw new LayoutException(p + ": not an OCI image index (no manifests array)");
        }
        return o;
    }

    static String refName(JsonNode descriptor) {
        JsonNode v = descriptor.path("annotations").get(REF_NAME);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
