package dev.kiln.image;

/** A registry repository that holds a blob, e.g. {@code registry=127.0.0.1:5000, repository=library/busybox}. */
public record BlobOrigin(String registry, String repository) {
    public BlobOrigin {
        if (registry == null || registry.isBlank() || repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("blob origin needs registry and repository");
        }
    }
}
