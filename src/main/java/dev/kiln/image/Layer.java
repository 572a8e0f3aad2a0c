package dev.kiln.image;

/** A filesystem layer: its compressed blob plus the digest of the uncompressed tar (the diff ID). */
public interface Layer extends Blob {
    Digest diffId();

    /** Names the layer in errors: its blob digest, and where known its image and index. */
    default String describe() {
        return "layer " + descriptor().digest();
    }
}
