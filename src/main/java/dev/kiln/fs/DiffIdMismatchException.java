package dev.kiln.fs;

import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;

/** A layer whose uncompressed content does not hash to the diff ID its image config lists. */
public final class DiffIdMismatchException extends IOException {
    private final transient Layer layer;
    private final Digest actual;

    public DiffIdMismatchException(Layer layer, Digest actual) {
        super(layer.describe() + ": uncompressed content has digest " + actual + " but the image config's"
                + " rootfs.diff_ids lists " + layer.diffId() + " (the image is corrupt or its config is wrong;"
                + " containerd and Docker refuse such images)");
        this.layer = layer;
        this.actual = actual;
    }

    public Layer layer() { return layer; }

    public Digest actual() { return actual; }
}
