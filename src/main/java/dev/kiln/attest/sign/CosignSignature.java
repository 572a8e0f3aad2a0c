package dev.kiln.attest.sign;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;

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
        Descriptor annotated = layer.descriptor().withAnnotations(Map.of(SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(sig)));
        CosignImage image = CosignImage.of(List.of(layer), List.of(annotated));
        return new CosignSignature(image.manifest(), image.blobs(), payload, sig);
    }

    private static String quote(String s) {
        return Json.mapper().valueToTree(s).toString();
    }
}
