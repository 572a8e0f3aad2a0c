package dev.kiln.attest;

import dev.kiln.attest.provenance.ProvenanceMode;
import dev.kiln.attest.sbom.SbomFormat;
import dev.kiln.attest.sign.Signer;

import java.util.List;

/**
 * What a build attests ({@code --sbom}, {@code --provenance}, {@code --sign-key}); {@link #NONE} costs nothing.
 *
 * @param sboms      SBOM formats to write (empty: none)
 * @param provenance SLSA provenance mode, or null for none
 * @param signer     signs the image digest in cosign's format, or null
 * @param buildkit   also BuildKit's layout ({@code --attest-format=buildkit}): the destination tag becomes an index of
 *                   the image and an attestation manifest
 */
public record AttestSpec(List<SbomFormat> sboms, ProvenanceMode provenance, Signer signer, boolean buildkit) {
    public static final AttestSpec NONE = new AttestSpec(List.of(), null, null, false);

    public AttestSpec {
        sboms = List.copyOf(sboms);
    }

    public boolean any() {
        return !sboms.isEmpty() || provenance != null || signer != null;
    }
}
