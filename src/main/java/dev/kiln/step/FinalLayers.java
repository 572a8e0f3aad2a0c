package dev.kiln.step;

import dev.kiln.image.Layer;

import java.io.IOException;

/**
 * Receives each layer of the output image as soon as it is final (a base layer when its stage starts, a step's
 * layer once written), so the outputs can push it while later steps run. Called from the threads building stages.
 */
public interface FinalLayers {
    FinalLayers NONE = new FinalLayers() {
        @Override public void offer(Layer layer) { }
        @Override public void check() { }
        @Override public void ready() { }
    };

    /** A layer of the output image; throws when the outputs already failed (the build stops). */
    void offer(Layer layer) throws IOException;

    /** Throws when the outputs already failed (a refused push permission, a failed blob push); never blocks. */
    void check() throws IOException;

    /** Blocks until the outputs are known to accept the image (the push permission check passed); throws if not. */
    void ready() throws IOException;
}
