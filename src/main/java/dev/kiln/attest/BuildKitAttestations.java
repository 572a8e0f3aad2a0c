package dev.kiln.attest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.attest.sign.CosignAttestations.Statement;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BuildKit's attestation layout ({@code --attest-format=buildkit}), what {@code docker buildx imagetools inspect} shows:
 * an image index holding the image (with its platform) and an attestation manifest (platform {@code unknown/unknown},
 * annotated {@code vnd.docker.reference.type=attestation-manifest} and {@code vnd.docker.reference.digest=<image>}) whose
 * layers are the in-toto statements ({@code application/vnd.in-toto+json}, annotated {@code in-toto.io/predicate-type}).
 */
record BuildKitAttestations(BytesBlob index, BytesBlob attestationManifest, List<BytesBlob> blobs) {
    static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

    static BuildKitAttestations of(Image image, List<Statement> statements) {
        List<BytesBlob> layers = new ArrayList<>();
        ArrayNode layerDescs = Json.mapper().createArrayNode();
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("architecture", "unknown");
        config.put("os", "unknown");
        config.putObject("config");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        for (Statement s : statements) {
            BytesBlob l = BytesBlob.of("application/vnd.in-toto+json", s.json());
            layers.add(l);
            diffIds.add(l.descriptor().digest().toString());
            layerDescs.add(Json.mapper().valueToTree(l.descriptor().withAnnotations(Map.of(Attestations.PREDICATE_TYPE, s.predicateType()))));
        }
        BytesBlob cfg = BytesBlob.of(MediaTypes.OCI_CONFIG, Json.write(config));
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", Json.mapper().valueToTree(cfg.descriptor()));
        m.set("layers", layerDescs);
        BytesBlob att = BytesBlob.of(MediaTypes.OCI_MANIFEST, Json.write(m));

        Descriptor img = image.manifestBlob().descriptor();
        var c = image.config();
        ObjectNode index = Json.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        manifests.add(Json.mapper().valueToTree(new Descriptor(img.mediaType(), img.digest(), img.size())
                .withPlatform(Platform.of(c.os(), c.architecture(), c.variant()))));
        manifests.add(Json.mapper().valueToTree(att.descriptor().withPlatform(Platform.of("unknown", "unknown", null))
                .withAnnotations(Map.of(REFERENCE_TYPE, "attestation-manifest", REFERENCE_DIGEST, img.digest().toString()))));
        List<BytesBlob> blobs = new ArrayList<>(List.of(cfg));
        blobs.addAll(layers);
        return new BuildKitAttestations(BytesBlob.of(MediaTypes.OCI_INDEX, Json.write(index)), att, List.copyOf(blobs));
    }
}
