package dev.kiln.attest.sbom;

import dev.kiln.image.Digest;

import java.time.Instant;
import java.util.UUID;

/**
 * The image an SBOM describes: its name (the first destination, or "image"), its config digest (the same for the
 * registry and the OCI layout copy, unlike the manifest digest) and its creation time (the image's {@code created};
 * the epoch with {@code --reproducible}), so that the same image always gives the same document.
 */
public record SbomSubject(String name, Digest configDigest, Instant created, String toolVersion) {
    /** A name-based UUID of the config digest: the document's stable, unique identity. */
    UUID uuid() {
        return UUID.nameUUIDFromBytes(("kiln-sbom:" + configDigest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
