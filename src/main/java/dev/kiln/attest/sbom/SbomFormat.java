package dev.kiln.attest.sbom;

import java.io.IOException;

/** The SBOM document formats kiln writes ({@code --sbom=spdx|cyclonedx}) and their OCI artifact media types. */
public enum SbomFormat {
    SPDX("application/spdx+json"), CYCLONEDX("application/vnd.cyclonedx+json");

    private final String mediaType;

    SbomFormat(String mediaType) {
        this.mediaType = mediaType;
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
