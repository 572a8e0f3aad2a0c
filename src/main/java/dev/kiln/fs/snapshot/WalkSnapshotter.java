package dev.kiln.fs.snapshot;

import dev.kiln.event.EventSink;
import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.SerialGzip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The walk-mode snapshot of one rootfs across a stage's RUNs: {@link #index()} once before the first RUN, then
 * {@link #snapshot} after each RUN with the previous index; the returned index is the next RUN's "before".
 */
public final class WalkSnapshotter {
    private final Path rootfs;
    private final Set<String> ignored;
    private final SnapshotMode mode;
    private final SnapshotWriter writer;

    public WalkSnapshotter(Path rootfs, Set<String> ignoredPaths, SnapshotMode mode, Long fixedMtime, EventSink events) {
        this(rootfs, ignoredPaths, mode, fixedMtime, new SerialGzip(), events);
    }

    /** @param encoder how the layers are compressed */
    public WalkSnapshotter(Path rootfs, Set<String> ignoredPaths, SnapshotMode mode, Long fixedMtime, LayerEncoder encoder,
                           EventSink events) {
        if (mode.strategy() != SnapshotMode.Strategy.WALK) throw new IllegalArgumentException("not a walk mode: " + mode.flagName());
        this.rootfs = rootfs;
        this.ignored = Set.copyOf(ignoredPaths);
        this.mode = mode;
        this.writer = new SnapshotWriter(fixedMtime, encoder, events);
    }

    public SnapshotIndex index() throws IOException {
        return SnapshotIndex.build(rootfs, ignored, mode);
    }

    /** Indexes the rootfs again, diffs against {@code before} and writes the layer (none when nothing changed). */
    public Step snapshot(SnapshotIndex before, Path layerTarget) throws IOException {
        return snapshot(before, layerTarget, null, (d, b, a) -> d);
    }

    /** Looks at (and may narrow) the diff before its layer is written: kiln not root, RUN in a user namespace. */
    @FunctionalInterface
    public interface DiffHook {
        Diff apply(Diff diff, SnapshotIndex before, SnapshotIndex after) throws IOException;
    }

    /**
     * As above for a rootfs kiln filled while not root: {@code hook} updates {@code virtual} (the owners and modes
     * layers take over the ones on disk) from what the RUN did, then the layer is written with them.
     */
    public Step snapshot(SnapshotIndex before, Path layerTarget, dev.kiln.fs.VirtualOwnership virtual, DiffHook hook) throws IOException {
        long start = System.nanoTime();
        SnapshotIndex after = index();
        Diff diff = hook.apply(Diff.between(before, after, mode), before, after);
        SnapshotWriter w = virtual == null ? writer : writer.withVirtualOwnership(virtual);
        Optional<SnapshotResult> r = w.write(diff, after, layerTarget);
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        return new Step(after, diff, r.map(x -> new SnapshotResult(x.layer(), withElapsed(x.stats(), total))));
    }

    private static SnapshotStats withElapsed(SnapshotStats s, Duration d) {
        return new SnapshotStats(s.entries(), s.whiteouts(), s.contentBytes(), s.layerBytes(), s.skipped(), d);
    }

    /** The state after a RUN, what changed, and the layer (empty when the RUN changed nothing). */
    public record Step(SnapshotIndex after, Diff diff, Optional<SnapshotResult> result) {
        public Step {
            if (after == null || diff == null || result == null) throw new IllegalArgumentException("step parts are required");
        }
    }
}
