package dev.kiln.attest.sbom;

import java.io.IOException;

/** The SBOM document formats kiln writes ({@code --sbom=spdx|cyclonedx}) and their OCI artifact media types. */
public enum SbomFormat {
    SPDX("application/spdx+json", "https://spdx.dev/Document"),
    CYCLONEDX("application/vnd.cyclonedx+json", "https://cyclonedx.org/bom");

    private final String mediaType;
    private final String predicateType;

    SbomFormat(String mediaType, String predicateType) {
        this.mediaType = mediaType;
        this.predicateType = predicateType;
    }

    /** The in-toto predicate type of this document (as cosign's and BuildKit's SBOM attestations name it). */
    public String predicateType() {
        return predicateType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The document's JSON bytes. */
    public byte[] write(SbomSubject subject, ImageScanner.Result scan) throws IOException {
        return switch (this) {
            case SPDX -> SpdxWriter.write(subject, scan);
            case CYCLONEDX -> CycloneDxWriter.write(subject, scan);
        };
    }
}
