package dev.kiln.output;

import dev.kiln.image.Layer;
import dev.kiln.registry.PushGate;
import dev.kiln.registry.PushSession;
import dev.kiln.step.FinalLayers;

import java.io.IOException;

/** {@link FinalLayers} that go to a registry push while the build runs (the steps know nothing of registries). */
public final class PushedLayers {
    private PushedLayers() {}

    /** The push of {@code session}: layers are offered to it, {@code gate} is its permission check. */
    public static FinalLayers of(PushSession session, PushGate gate) {
        return new FinalLayers() {
            @Override public void offer(Layer layer) throws IOException { session.offer(layer); }
            @Override public void check() throws IOException { session.failIfFailed(); }
            @Override public void ready() throws IOException { gate.await(); }
        };
    }
}
