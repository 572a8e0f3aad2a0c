package dev.kiln.attest.sign;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signed attestations in cosign's format ({@code cosign attest}; read by {@code cosign verify-attestation --key}): each
 * in-toto statement in a DSSE envelope, one layer each ({@value DsseEnvelope#MEDIA_TYPE}, annotated with its
 * {@code predicateType}), pushed under the tag {@code sha256-<hex>.att}.
 */
public final class CosignAttestations {
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private CosignAttestations() {}

    /** One in-toto statement to sign: its predicate type and JSON bytes. */
    public record Statement(String predicateType, byte[] json) {}

    public static CosignImage sign(Signer signer, List<Statement> statements) throws IOException {
        List<BytesBlob> layers = new ArrayList<>();
        List<Descriptor> annotated = new ArrayList<>();
        for (Statement s : statements) {
            BytesBlob layer = BytesBlob.of(DsseEnvelope.MEDIA_TYPE, DsseEnvelope.sign(signer, IN_TOTO, s.json()));
            layers.add(layer);
            annotated.add(layer.descriptor().withAnnotations(Map.of("predicateType", s.predicateType())));
        }
        return CosignImage.of(layers, annotated);
    }
}
