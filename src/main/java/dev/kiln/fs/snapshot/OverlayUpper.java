package dev.kiln.fs.snapshot;

import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.SerialGzip;
import dev.kiln.fs.nativeio.Xattrs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The upper directory of an overlay mount (unmounted, or at least quiescent) as a layer: overlay whiteouts
 * (character devices 0:0) become {@code .wh.<name>}, opaque directories get {@code .wh..wh..opq}. O(changes).
 *
 * <p>Copy-up puts every ancestor of a changed path into the upper dir with the lower dir's metadata; such a
 * pure parent (same mode, owner and mtime as the topmost lower dir that has the path, not opaque) is not
 * written, as BuildKit's overlay differ does; inside an opaque or new directory every entry is written.
 */
public final class OverlayUpper {
    private final Path upper;
    private final List<Path> lowers;
    private final OverlayXattrs ns;
    private final Set<String> ignored;

    /**
     * @param lowers  the mount's lower directories, topmost first (empty: every upper directory is written)
     * @param ignored absolute paths in the rootfs to leave out (mount points the sandbox created)
     */
    public OverlayUpper(Path upper, List<Path> lowers, OverlayXattrs ns, Set<String> ignored) {
        this.upper = upper;
        this.lowers = List.copyOf(lowers);
        this.ns = ns;
        this.ignored = Set.copyOf(ignored);
    }

    /** Writes the layer to {@code target}; empty when the upper directory holds no change. */
    public Optional<SnapshotResult> write(Path target, Long fixedMtime, EventSink events) throws IOException {
        return write(target, fixedMtime, new SerialGzip(), events);
    }

    /** As {@link #write(Path, Long, EventSink)}, compressed by {@code encoder}. */
    public Optional<SnapshotResult> write(Path target, Long fixedMtime, LayerEncoder encoder, EventSink events) throws IOException {
        long start = System.nanoTime();
        try (LayerWriter w = new LayerWriter(target, fixedMtime, encoder)) {
            EntryEmitter em = new EntryEmitter(w, events == null ? EventSink.NONE : events);
            dir(upper, "", true, em);
            if (em.entries() == 0) return Optional.empty();
            LayerFile layer = w.finish();
            return Optional.of(new SnapshotResult(layer, new SnapshotStats(em.entries(), em.whiteouts(), em.contentBytes(),
                    layer.descriptor().size(), em.skipped(), Duration.ofNanos(System.nanoTime() - start))));
        }
    }

    /** Merges the upper directory into {@code rootfs} for the next step (see {@link UpperApplier}). */
    public void applyTo(Path rootfs) throws IOException {
        new UpperApplier(upper, ns, ignored).applyTo(rootfs);
    }

    private void dir(Path dir, String abs, boolean lowerVisible, EntryEmitter em) throws IOException {
        String[] names = names(dir);
        StatEntry[] stats = new StatEntry[names.length];
        for (int i = 0; i < names.length; i++) stats[i] = Stat.of(dir.resolve(names[i]));
        long dirMtime = Stat.of(dir).meta().mtimeSeconds();
        for (int i = 0; i < names.length; i++) {   // whiteouts first, before their siblings
            String p = abs + "/" + names[i];
            if (stats[i].isOverlayWhiteout() && !ignored.contains(p)) em.whiteout(p, dirMtime);
        }
        for (int i = 0; i < names.length; i++) {
            String p = abs + "/" + names[i];
            StatEntry e = stats[i];
            if (e.isOverlayWhiteout() || ignored.contains(p)) continue;
            Path child = dir.resolve(names[i]);
            if (e.kind() != FileKind.DIR) {
                em.add(p, e, child);
                continue;
            }
            boolean opaque = isOpaque(child, ns);
            StatEntry lower = lowerVisible && !opaque ? lower(p) : null;
            boolean pureParent = lower != null && lower.kind() == FileKind.DIR && lower.mode() == e.mode()
                    && lower.uid() == e.uid() && lower.gid() == e.gid() && lower.mtimeNanos() == e.mtimeNanos();
            if (!pureParent) em.add(p, e, child);
            if (opaque) em.opaque(p, e.meta().mtimeSeconds());
            dir(child, p, lower != null && lower.kind() == FileKind.DIR, em);
        }
    }

    static boolean isOpaque(Path dir, OverlayXattrs ns) throws IOException {
        byte[] v = Xattrs.get(dir, ns.opaque()).orElse(null);
        return v != null && v.length > 0 && v[0] == 'y';
    }

    private StatEntry lower(String abs) throws IOException {
        for (Path l : lowers) {
            try {
                return Stat.of(l.resolve(abs.substring(1)));
            } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
                // not in this lower layer
            }
        }
        return null;
    }

    static String[] names(Path dir) throws IOException {
        try (var s = java.nio.file.Files.newDirectoryStream(dir)) {
            java.util.ArrayList<String> l = new java.util.ArrayList<>();
            for (Path p : s) l.add(p.getFileName().toString());
            String[] a = l.toArray(new String[0]);
            Arrays.sort(a);
            return a;
        } catch (IOException e) {
            throw new IOException("overlay snapshot: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
