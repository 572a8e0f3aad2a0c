package dev.kiln.rootfs;

import dev.kiln.image.History;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --single-snapshot}: the RUNs of a stage run without a snapshot each; their changes become one layer when
 * the stage ends, or earlier when a COPY/ADD/WORKDIR follows them (so layers stay in execution order and COPY sees
 * what the RUNs made). That layer is attributed to the last RUN before it: its history entry loses
 * {@code empty_layer}, which keeps one non-empty history entry per layer.
 */
public final class SingleSnapshot {
    private SingleSnapshot() {}

    /** The history with its last RUN entry marked as having a layer. */
    public static List<History> lastRunWithLayer(List<History> history) {
        List<History> h = new ArrayList<>(history == null ? List.of() : history);
        for (int i = h.size() - 1; i >= 0; i--) {
            History e = h.get(i);
            if (e.createdBy() != null && e.createdBy().startsWith("RUN ")) {
                if (!e.isEmptyLayer()) break;
                h.set(i, new History(e.created(), e.createdBy(), e.author(), e.comment(), null));
                return h;
            }
        }
        throw new IllegalStateException("--single-snapshot: no RUN history entry without a layer for the RUN snapshot");
    }
}
