package dev.kiln.image;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A small blob held in memory (configs, manifests). */
public record BytesBlob(Descriptor descriptor, byte[] bytes) implements Blob {
    public static BytesBlob of(String mediaType, byte[] bytes) {
        return new BytesBlob(new Descriptor(mediaType, Digest.sha256(bytes), bytes.length), bytes.clone());
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
