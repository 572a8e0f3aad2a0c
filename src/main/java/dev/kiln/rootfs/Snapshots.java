package dev.kiln.rootfs;


import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.snapshot.OverlayMount;
import dev.kiln.fs.snapshot.OverlayUpper;
import dev.kiln.fs.snapshot.OverlayXattrs;
import dev.kiln.fs.snapshot.SnapshotIndex;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.fs.snapshot.SnapshotResult;
import dev.kiln.fs.snapshot.WalkSnapshotter;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.run.Isolation;
import dev.kiln.run.NsOwner;
import dev.kiln.run.UserNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what one RUN changed into a layer. Overlay: the RUN runs on an overlay mount whose upper directory
 * is the diff, then the upper is merged into the rootfs. Walk: stat index before and after. When the
 * overlay cannot be mounted, falls back to walk once, with a warning. In-place builds always walk (the rootfs is
 * {@code /}). With {@code --single-snapshot} the RUNs run on the rootfs itself and their snapshot is deferred: one
 * walk from the state before the first of them, written when the stage ends or a COPY/ADD/WORKDIR needs a layer.
 */
public final class Snapshots {
    private final LayerFactory layers;
    private final EventSink events;
    private SnapshotMode mode;

    public Snapshots(Isolation isolation, SnapshotMode requested, LayerFactory layers, EventSink events) {
        this.layers = layers;
        this.events = events;
        SnapshotMode m = resolveMode(requested, isolation);
        // in place, or not root (kiln cannot mount an overlay outside the RUN's user namespace): walk
        boolean noOverlay = isolation == Isolation.IN_PLACE || !layers.owner().root();
        this.mode = noOverlay && m.strategy() == SnapshotMode.Strategy.OVERLAY ? SnapshotMode.WALK : m;
    }

    /** One RUN's snapshot in progress. */
    public interface Session {
        /** The directory the command must run in (the rootfs, or the overlay's merged view). */
        Path runRoot();

        Optional<SnapshotResult> finish(List<String> sandboxPaths) throws IOException;

        /**
         * As above for a RUN that ran in a user namespace (kiln not root): {@code reported} is what the sandbox
         * reported ({@link dev.kiln.run.RunResult#owners}), {@code set} the owners set before the RUN.
         */
        default Optional<SnapshotResult> finish(List<String> sandboxPaths, List<NsOwner> reported, List<NsOwner> set,
                                                UserNamespace ns) throws IOException {
            return finish(sandboxPaths);
        }

        void abort();
    }

    public Session begin(StageRootfs rootfs) throws IOException {
        if (rootfs.singleSnapshot()) return deferred(rootfs);
        if (mode.strategy() == SnapshotMode.Strategy.OVERLAY) {
            try {
                return overlay(rootfs);
            } catch (IOException e) {
                events.emit(Event.warn("snapshot", "overlay snapshots unavailable (" + e.getMessage() + "); using walk snapshots"));
                mode = SnapshotMode.WALK;
            }
        }
        return walk(rootfs);
    }

    private Session walk(StageRootfs rootfs) throws IOException {
        SnapshotIndex before = rootfs.index(mode);
        return new Session() {
            @Override public Path runRoot() { return rootfs.dir(); }

            @Override
            public Optional<SnapshotResult> finish(List<String> sandboxPaths) throws IOException {
                return finish(w -> w.snapshot(before, layers.nextPath()));
            }

            @Override
            public Optional<SnapshotResult> finish(List<String> sandboxPaths, List<NsOwner> reported, List<NsOwner> set,
                                                   UserNamespace ns) throws IOException {
                VirtualOwnership v = rootfs.virtualOwnership();
                if (v == null) return finish(sandboxPaths);
                return finish(w -> w.snapshot(before, layers.nextPath(), v,
                        (d, b, a) -> NamespaceOwners.reconcile(v, d, b, a, reported, set, ns)));
            }

            private Optional<SnapshotResult> finish(Snap snap) throws IOException {
                Set<String> ignored = new TreeSet<>(rootfs.ignored());
                WalkSnapshotter w = new WalkSnapshotter(rootfs.dir(), ignored, mode, layers.fixedMtime(), layers.encoder(), events);
                WalkSnapshotter.Step step = snap.take(w);
                rootfs.setIndex(step.after());
                return step.result();
            }

            @Override public void abort() { rootfs.invalidateIndex(); }
        };
    }

    @FunctionalInterface
    private interface Snap {
        WalkSnapshotter.Step take(WalkSnapshotter w) throws IOException;
    }

    /** --single-snapshot: the command runs on the rootfs; the first RUN of a group registers the one snapshot. */
    private Session deferred(StageRootfs rootfs) throws IOException {
        SnapshotMode walkMode = mode.strategy() == SnapshotMode.Strategy.WALK ? mode : SnapshotMode.WALK;
        VirtualOwnership v = rootfs.virtualOwnership();
        // not root (RUN in a user namespace): each RUN's owners are reconciled from a walk of its own
        SnapshotIndex runBefore = v == null ? null : rootfs.index(walkMode);
        if (!rootfs.hasPending()) {
            SnapshotIndex before = rootfs.index(walkMode);
            rootfs.defer(() -> {
                WalkSnapshotter w = new WalkSnapshotter(rootfs.dir(), rootfs.ignored(), walkMode, layers.fixedMtime(), layers.encoder(), events);
                WalkSnapshotter.Step step = v == null ? w.snapshot(before, layers.nextPath())
                        : w.snapshot(before, layers.nextPath(), v, NamespaceOwners::withoutCtimeOnly);
                rootfs.setIndex(step.after());
                events.emit(Event.debug("snapshot", "single snapshot of " + step.diff().changes().size() + " changes: "
                        + step.result().map(r -> r.stats().toString()).orElse("no layer")));
                return step.result();
            });
        }
        return new Session() {
            @Override public Path runRoot() { return rootfs.dir(); }

            @Override
            public Optional<SnapshotResult> finish(List<String> sandboxPaths) {
                rootfs.invalidateIndex();
                events.emit(Event.debug("snapshot", "--single-snapshot: RUN changes go into the stage's snapshot"));
                return Optional.empty();
            }

            @Override
            public Optional<SnapshotResult> finish(List<String> sandboxPaths, List<NsOwner> reported, List<NsOwner> set,
                                                   UserNamespace ns) throws IOException {
                if (v == null) return finish(sandboxPaths);
                SnapshotIndex after = SnapshotIndex.build(rootfs.dir(), rootfs.ignored(), walkMode);
                NamespaceOwners.reconcile(v, dev.kiln.fs.snapshot.Diff.between(runBefore, after, walkMode), runBefore, after,
                        reported, set, ns);
                rootfs.setIndex(after);
                events.emit(Event.debug("snapshot", "--single-snapshot: RUN changes go into the stage's snapshot"));
                return Optional.empty();
            }

            @Override public void abort() { rootfs.invalidateIndex(); }
        };
    }

    private Session overlay(StageRootfs rootfs) throws IOException {
        Path base = layers.scratchDir("overlay");
        Path upper = Files.createDirectories(base.resolve("upper"));
        Path work = Files.createDirectories(base.resolve("work"));
        Path merged = Files.createDirectories(base.resolve("merged"));
        OverlayMount m = OverlayMount.mount(List.of(rootfs.dir()), upper, work, merged, OverlayXattrs.TRUSTED);
        return new Session() {
            @Override public Path runRoot() { return merged; }

            @Override
            public Optional<SnapshotResult> finish(List<String> sandboxPaths) throws IOException {
                m.close();
                Set<String> ignored = new TreeSet<>(rootfs.ignored());
                ignored.addAll(sandboxPaths);
                OverlayUpper u = new OverlayUpper(upper, List.of(rootfs.dir()), OverlayXattrs.TRUSTED, ignored);
                Optional<SnapshotResult> r = u.write(layers.nextPath(), layers.fixedMtime(), layers.encoder(), events);
                u.applyTo(rootfs.dir());
                rootfs.invalidateIndex();
                layers.discard(base);
                return r;
            }

            @Override
            public void abort() {
                try {
                    m.close();
                } catch (IOException e) {
                    events.emit(Event.warn("snapshot", "cannot unmount " + merged + ": " + e.getMessage()));
                }
                layers.discard(base);
            }
        };
    }

    /** The snapshot mode when none was asked for: overlay, or walk for in-place builds (which cannot mount). */
    public static SnapshotMode resolveMode(SnapshotMode requested, dev.kiln.run.Isolation isolation) {
        if (requested != null) return requested;
        return isolation == dev.kiln.run.Isolation.IN_PLACE ? SnapshotMode.WALK : SnapshotMode.OVERLAY;
    }
}
