package dev.kiln.fs.snapshot;

import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.SerialGzip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a walk-mode {@link Diff} into a layer through {@link LayerWriter}: added, modified and type-changed
 * entries with their contents read from the rootfs, a whiteout {@code .wh.<name>} per deleted subtree.
 *
 * <p>Parent directories, as containerd/BuildKit's diff on Linux: a directory is written when it changed itself
 * (adding or removing a child changes its mtime, so the parent of every added or deleted path is in the diff);
 * an unchanged parent of a modified file is not written — it exists unchanged in the layers below. The rootfs
 * root is never written.
 */
public final class SnapshotWriter {
    private final Long fixedMtime;
    private final LayerEncoder encoder;
    private final EventSink events;
    private final VirtualOwnership virtual;

    /** @param fixedMtime when non-null every entry gets this mtime (epoch seconds; {@code --reproducible}) */
    public SnapshotWriter(Long fixedMtime, EventSink events) {
        this(fixedMtime, new SerialGzip(), events);
    }

    /** @param encoder how the layer is compressed */
    public SnapshotWriter(Long fixedMtime, LayerEncoder encoder, EventSink events) {
        this(fixedMtime, encoder, events, null);
    }

    private SnapshotWriter(Long fixedMtime, LayerEncoder encoder, EventSink events, VirtualOwnership virtual) {
        this.fixedMtime = fixedMtime;
        this.encoder = encoder;
        this.events = events == null ? EventSink.NONE : events;
        this.virtual = virtual;
    }

    /**
     * A writer for a rootfs kiln filled while not root: its layers carry the owners, modes, devices and xattrs
     * recorded in {@code virtual} (null: what disk says) over the ones on disk.
     */
    public SnapshotWriter withVirtualOwnership(VirtualOwnership virtual) {
        return new SnapshotWriter(fixedMtime, encoder, events, virtual);
    }

    /** Writes the layer to {@code target}; empty when the diff is empty (the RUN changed nothing). */
    public Optional<SnapshotResult> write(Diff diff, SnapshotIndex after, Path target) throws IOException {
        long start = System.nanoTime();
        if (diff.isEmpty()) return Optional.empty();
        Path root = after.root();
        try (LayerWriter w = new LayerWriter(target, fixedMtime, encoder)) {
            EntryEmitter em = new EntryEmitter(w, events, virtual);
            for (Change c : diff.changes()) {
                String p = c.path();
                if (c.kind() == Change.Kind.DELETED) {
                    em.whiteout(p, dirMtime(root, after, LayerPaths.parent(p)));
                    continue;
                }
                StatEntry e = after.get(p);
                if (e == null) throw new IllegalArgumentException("diff path " + p + " is not in the index of " + root);
                em.add(p, e, root.resolve(p.substring(1)));
            }
            if (em.entries() == 0) return Optional.empty();
            LayerFile layer = w.finish();
            return Optional.of(new SnapshotResult(layer, new SnapshotStats(em.entries(), em.whiteouts(), em.contentBytes(),
                    layer.descriptor().size(), em.skipped(), Duration.ofNanos(System.nanoTime() - start))));
        }
    }

    private static long dirMtime(Path root, SnapshotIndex idx, String dir) throws IOException {
        if (!dir.equals("/")) return idx.get(dir).meta().mtimeSeconds();
        return Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS).toInstant().getEpochSecond();
    }
}
