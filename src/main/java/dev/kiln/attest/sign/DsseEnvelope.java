package dev.kiln.attest.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A DSSE envelope (in-toto's signature wrapper): the signature is over the pre-authentication encoding
 * {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, never the raw payload, so a payload cannot be read as
 * another type.
 */
public final class DsseEnvelope {
    public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

    private DsseEnvelope() {}

    /** PAE(type, body), the bytes a DSSE signature covers. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** The envelope JSON with one signature (empty key id, as cosign writes for a key pair). */
    public static byte[] sign(Signer signer, String payloadType, byte[] payload) throws IOException {
        ObjectNode env = Json.mapper().createObjectNode();
        env.put("payloadType", payloadType);
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        ObjectNode sig = env.putArray("signatures").addObject();
        sig.put("keyid", "");
        sig.put("sig", Base64.getEncoder().encodeToString(signer.sign(pae(payloadType, payload))));
        return Json.write(env);
    }
}
