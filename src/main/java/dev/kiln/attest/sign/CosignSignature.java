package dev.kiln.attest.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A signature of an image digest in cosign's format, so that {@code cosign verify --key} accepts it: the signed
 * payload is the "simple signing" JSON naming the repository and the manifest digest; the signature image (pushed
 * under the tag {@code sha256-<hex>.sig}) has that payload as its single layer, the base64 signature in the layer's
 * {@code dev.cosignproject.cosign/signature} annotation, and an image config listing the layer.
 */
public record CosignSignature(BytesBlob manifest, List<BytesBlob> blobs, byte[] payload, byte[] signature) {
    public static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    /** The simple-signing payload cosign signs (and checks) for {@code repository} at {@code digest}. */
    public static byte[] payload(String repository, Digest digest) {
        String json = "{\"critical\":{\"identity\":{\"docker-reference\":" + quote(repository) + "},\"image\":{\"docker-manifest-digest\":"
                + quote(digest.toString()) + "},\"type\":\"cosign container image signature\"},\"optional\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static CosignSignature sign(Signer signer, String repository, Digest digest) throws IOException {
        byte[] payload = payload(repository, digest);
        byte[] sig = signer.sign(payload);
        BytesBlob layer = BytesBlob.of(PAYLOAD_TYPE, payload);
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("architecture", "");
        config.put("created", "0001-01-01T00:00:00Z");
        config.putArray("history").addObject().put("created", "0001-01-01T00:00:00Z");
        config.put("os", "");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(layer.descriptor().digest().toString());
        config.putObject("config");
        BytesBlob cfg = BytesBlob.of(MediaTypes.OCI_CONFIG, Json.write(config));
        Descriptor layerDesc = layer.descriptor().withAnnotations(Map.of(SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(sig)));
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", Json.mapper().valueToTree(cfg.descriptor()));
        m.putArray("layers").add(Json.mapper().valueToTree(layerDesc));
        return new CosignSignature(BytesBlob.of(MediaTypes.OCI_MANIFEST, Json.write(m)), List.of(cfg, layer), payload, sig);
    }

    private static String quote(String s) {
        return Json.mapper().valueToTree(s).toString();
    }
}
