package dev.kiln.image;

/** A filesystem layer: its compressed blob plus the digest of the uncompressed tar (the diff ID). */
public interface Layer extends Blob {
    Digest diffId();
}
