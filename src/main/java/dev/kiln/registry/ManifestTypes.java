package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.io.IOException;

/** Decides a fetched manifest's media type from Content-Type, falling back to the document's own fields. */
final class ManifestTypes {
    private ManifestTypes() {}

    static String detect(String contentType, byte[] body) {
        String ct = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (MediaTypes.isIndex(ct) || MediaTypes.isManifest(ct)) return ct;
        try {
            JsonNode root = Json.mapper().readTree(body);
            String declared = root.path("mediaType").asText("");
            if (!declared.isEmpty()) return declared;
            if (root.has("manifests")) return MediaTypes.OCI_INDEX;
            if (root.has("config")) return MediaTypes.OCI_MANIFEST;
        } catch (IOException | RuntimeException ignored) {
            // fall through: the caller reports the type it cannot handle
        }
        return ct.isEmpty() ? "application/octet-stream" : ct;
    }
}
