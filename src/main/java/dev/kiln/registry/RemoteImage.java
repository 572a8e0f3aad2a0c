package dev.kiln.registry;

import dev.kiln.image.Digest;
import dev.kiln.image.Image;

/**
 * An image read from a registry: the image value (layers not downloaded), the digest of the platform
 * manifest (for cache keys) and its exact bytes.
 *
 * @param reference         what was asked for
 * @param image             format, config and {@link RemoteLayer}s
 * @param manifestDigest    digest of the image manifest (not of the index, if there was one)
 * @param manifestBytes     that manifest's bytes as served
 * @param manifestMediaType that manifest's media type
 */
public record RemoteImage(Reference reference, Image image, Digest manifestDigest, byte[] manifestBytes,
                          String manifestMediaType) {
    public RemoteImage {
        manifestBytes = manifestBytes.clone();
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }
}
