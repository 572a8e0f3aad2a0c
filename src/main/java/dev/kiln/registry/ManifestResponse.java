package dev.kiln.registry;

import dev.kiln.image.Digest;
import dev.kiln.image.MediaTypes;

/**
 * A manifest or index as fetched: its exact bytes, media type and (verified) digest.
 */
public record ManifestResponse(byte[] bytes, String mediaType, Digest digest) {
    public ManifestResponse {
        if (bytes == null || digest == null) throw new IllegalArgumentException("manifest response needs bytes and digest");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
