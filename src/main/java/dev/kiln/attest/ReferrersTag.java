package dev.kiln.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.util.List;

/**
 * The referrers tag schema of OCI distribution 1.1, for registries without the referrers API: an image index tagged
 * {@code <alg>-<hex>} of the subject, listing every artifact that refers to it. Adding keeps the entries already there
 * (other tools' artifacts) and replaces one with the same digest.
 */
public final class ReferrersTag {
    private ReferrersTag() {}

    /** {@code sha256-<hex>}: the tag of the subject's referrers index. */
    public static String tag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    /** {@code sha256-<hex>.sig}: cosign's signature tag for the subject. */
    public static String signatureTag(Digest subject) {
        return tag(subject) + ".sig";
    }

    /** {@code sha256-<hex>.att}: cosign's attestation tag for the subject. */
    public static String attestationTag(Digest subject) {
        return tag(subject) + ".att";
    }

    /** The index {@code existing} (null: none yet) with {@code entries} added. */
    static byte[] add(byte[] existing, List<ObjectNode> entries) throws IOException {
        ObjectNode index;
        if (existing == null) {
            index = Json.mapper().createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests");
        } else {
            JsonNode n = Json.mapper().readTree(existing);
            if (!(n instanceof ObjectNode o) || !(o.get("manifests") instanceof ArrayNode)) {
                throw new IOException("the referrers tag holds something that is not an image index");
            }
            index = o;
        }
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        for (ObjectNode e : entries) {
            for (int i = manifests.size() - 1; i >= 0; i--) {
                if (manifests.get(i).path("digest").asText().equals(e.path("digest").asText())) manifests.remove(i);
            }
            manifests.add(e);
        }
        return Json.write(index);
    }
}
