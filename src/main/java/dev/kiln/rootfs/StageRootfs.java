package dev.kiln.rootfs;

import dev.kiln.event.EventSink;
import dev.kiln.fs.TreeIndex;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.extract.Extractor;
import dev.kiln.fs.extract.TarTee;
import dev.kiln.fs.snapshot.SnapshotIndex;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.fs.snapshot.SnapshotResult;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stage's root filesystem on disk, made when its first RUN needs it (or a COPY/ADD that a RUN follows): every
 * layer of the stage's image so far is extracted into it, and each later layer (COPY, WORKDIR) is applied to it as
 * well; a COPY/ADD layer while it is written ({@link #tee}), not extracted afterwards. For walk
 * snapshots it keeps the index of the last known state, dropped whenever a layer is applied. With
 * {@code --single-snapshot} it also holds the snapshot of the RUNs not yet written to a layer.
 */
public final class StageRootfs {
    /** Paths a RUN sandbox mounts or provides; never part of a layer. */
    static final Set<String> SANDBOX_PATHS = Set.of("/proc", "/sys", "/dev", "/etc/resolv.conf", "/etc/hosts", "/etc/hostname");

    private final Path dir;
    private final Extractor extractor;
    private final Set<String> ignored;
    private final boolean inPlace;
    private SnapshotIndex index;
    private Indexed extracted;
    private boolean singleSnapshot;
    private Pending pending;

    /** The deferred snapshot of RUN changes ({@code --single-snapshot}): taken when a layer must be written. */
    @FunctionalInterface
    interface Pending {
        Optional<SnapshotResult> snapshot() throws IOException;
    }

    StageRootfs(Path dir, Extractor extractor, Set<String> ignored) {
        this(dir, extractor, ignored, false);
    }

    /** @param inPlace the rootfs is the machine's own root (in-place isolation): never a stage directory to reuse or delete */
    StageRootfs(Path dir, Extractor extractor, Set<String> ignored, boolean inPlace) {
        this.dir = dir;
        this.extractor = extractor;
        this.ignored = ignored;
        this.inPlace = inPlace;
    }

    public boolean inPlace() { return inPlace; }

    /** The tree index of the first {@code layers} layers of the stage's image, made while they were extracted. */
    public record Indexed(TreeIndex tree, int layers) {}

    /** Extracts {@code layers} into {@code dir}, indexing them in the same pass ({@link #takeIndex}). */
    public static StageRootfs materialize(Path dir, List<? extends Layer> layers, List<String> extraIgnored, EventSink events) throws IOException {
        return materialize(dir, layers, extraIgnored, events, null);
    }

    /** As above; {@code virtual} (not root: null for root) records the owners, modes and devices not set on disk. */
    public static StageRootfs materialize(Path dir, List<? extends Layer> layers, List<String> extraIgnored, EventSink events,
                                          VirtualOwnership virtual) throws IOException {
        Files.createDirectories(dir);
        CachedLayer.startAll(layers);
        Extractor x = new Extractor(dir, events, dev.kiln.fs.extract.SkipPaths.NONE, virtual);
        TreeIndex tree = new TreeIndex();
        x.apply(layers, tree);
        Set<String> ignored = new TreeSet<>(SANDBOX_PATHS);
        ignored.addAll(extraIgnored);
        StageRootfs r = new StageRootfs(dir, x, ignored);
        r.extracted = new Indexed(tree, layers.size());
        return r;
    }

    /**
     * The tree index made while the rootfs was extracted, once (the stage then keeps it up to date); null when there
     * is none (in place, or taken already).
     */
    public Indexed takeIndex() {
        Indexed i = extracted;
        extracted = null;
        return i;
    }

    public Path dir() { return dir; }

    /** What this rootfs could not set on disk (kiln not root), or null when everything is on disk. */
    public VirtualOwnership virtualOwnership() { return extractor.virtualOwnership(); }

    Set<String> ignored() { return ignored; }

    /** Starts applying a layer while it is written (COPY/ADD): the rootfs gets it once, never re-extracted. */
    public TarTee tee(String label) throws IOException {
        index = null;
        return TarTee.start(extractor, label);
    }

    public void apply(Layer layer) throws IOException {
        extractor.apply(layer);
        index = null;
    }

    /** The walk index of the current state (built when missing). */
    SnapshotIndex index(SnapshotMode mode) throws IOException {
        if (index == null) index = SnapshotIndex.build(dir, ignored, mode);
        return index;
    }

    void setIndex(SnapshotIndex after) {
        index = after;
    }

    void invalidateIndex() {
        index = null;
    }

    /** {@code --single-snapshot}: RUNs defer their snapshot ({@link Snapshots}). */
    public StageRootfs singleSnapshot(boolean on) {
        singleSnapshot = on;
        return this;
    }

    boolean singleSnapshot() { return singleSnapshot; }

    public boolean hasPending() { return pending != null; }

    /** Keeps the first deferral of a group of RUNs: it knows the state before all of them. */
    void defer(Pending p) {
        if (pending == null) pending = p;
    }

    /** The layer of the RUNs deferred so far (empty when they changed nothing or none ran); clears them. */
    public Optional<SnapshotResult> takePending() throws IOException {
        Pending p = pending;
        pending = null;
        return p == null ? Optional.empty() : p.snapshot();
    }
}
