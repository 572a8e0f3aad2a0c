package dev.kiln.attest.provenance;

import dev.kiln.image.Digest;

/**
 * A resolved dependency of the build (SLSA {@code resolvedDependencies}): a URI and its digest as an algorithm
 * ({@code sha256}, or {@code gitCommit} for a git commit, as SLSA's DigestSet names it) and hex; both null when unknown.
 */
public record Material(String uri, String algorithm, String hex) {
    public Material {
        if (uri == null || uri.isBlank()) throw new IllegalArgumentException("material needs a uri");
    }

    public static Material of(String uri, Digest digest) {
        return digest == null ? new Material(uri, null, null) : new Material(uri, digest.algorithm(), digest.hex());
    }
}
