package dev.kiln.attest.sign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.util.ArrayList;
import java.util.List;

/**
 * The small image cosign stores signatures and attestations in: one layer per signed payload (annotated), and an image
 * config listing those layers with cosign's zero times. Returns the manifest and the blobs to push before it.
 */
public record CosignImage(BytesBlob manifest, List<BytesBlob> blobs) {
    static CosignImage of(List<BytesBlob> layers, List<Descriptor> annotatedDescriptors) {
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("architecture", "");
        config.put("created", "0001-01-01T00:00:00Z");
        ArrayNode history = config.putArray("history");
        config.put("os", "");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (BytesBlob l : layers) {
            history.addObject().put("created", "0001-01-01T00:00:00Z");
            diffIds.add(l.descriptor().digest().toString());
        }
        config.putObject("config");
        BytesBlob cfg = BytesBlob.of(MediaTypes.OCI_CONFIG, Json.write(config));
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", Json.mapper().valueToTree(cfg.descriptor()));
        ArrayNode ls = m.putArray("layers");
        for (Descriptor d : annotatedDescriptors) ls.add(Json.mapper().valueToTree(d));
        List<BytesBlob> blobs = new ArrayList<>(List.of(cfg));
        blobs.addAll(layers);
        return new CosignImage(BytesBlob.of(MediaTypes.OCI_MANIFEST, Json.write(m)), List.copyOf(blobs));
    }
}
