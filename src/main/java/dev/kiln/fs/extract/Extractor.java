package dev.kiln.fs.extract;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.DiffIdCheck;
import dev.kiln.fs.DiffIdMismatchException;
import dev.kiln.fs.LayerBlobs;
import dev.kiln.fs.LayerIndexUpdate;
import dev.kiln.fs.TreeIndex;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Applies image layers (gzip or plain tar blobs) to a rootfs directory, in order, as containerd's
 * applier and umoci do: files, directories, symlinks, hardlinks, devices, FIFOs, numeric owners,
 * all 12 mode bits, mtimes (nanoseconds; directories fixed up at the end of each layer), xattrs
 * from PAX {@code SCHILY.xattr.*} records, whiteouts and opaque directories. Layers are streamed.
 *
 * <p>Path safety: every entry name, hardlink target and whiteout is resolved by {@link SecureJoin}
 * with the rootfs as root. Entry names are first cleaned lexically ({@code ..} cannot climb above the
 * root) and absolute names are taken relative to the rootfs, as container runtimes do; symlinks met
 * in parent components resolve inside the rootfs (chroot semantics); the final component is never
 * followed (l* calls, O_NOFOLLOW, O_EXCL). Hardlink targets must exist inside the rootfs and not
 * be directories. An entry that cannot be applied (its parent is not a directory, a missing
 * hardlink target, a name the OS refuses) fails the extraction with the layer and entry name.
 * Not thread-safe per instance; separate instances for separate rootfs directories are independent.
 */
public final class Extractor {
    private final Path root;
    private final EventSink events;
    private final SkipPaths skip;
    private final VirtualOwnership virtual;

    /** @param rootfs an existing directory (its real path becomes the root); it may be non-empty */
    public Extractor(Path rootfs, EventSink events) throws IOException {
        this(rootfs, events, SkipPaths.NONE);
    }

    /**
     * An extractor that leaves {@code skip} alone (in-place builds: kiln's own files, mount points): entries at or
     * below a skipped path are not written, whiteouts and opaque markers never remove them, and a directory holding
     * one is never replaced by another type (that entry is skipped with a warning).
     */
    public Extractor(Path rootfs, EventSink events, SkipPaths skip) throws IOException {
        this(rootfs, events, skip, null);
    }

    /**
     * An extractor for a process that is not root: owners, modes kiln must widen on disk (owner read/write, and
     * search on directories), device nodes (a placeholder file stands on disk) and trusted/security xattrs it
     * cannot set are recorded in {@code virtual} instead of failing the extraction.
     *
     * @param virtual null: apply everything on disk (root)
     */
    public Extractor(Path rootfs, EventSink events, SkipPaths skip, VirtualOwnership virtual) throws IOException {
        if (!Files.isDirectory(rootfs)) throw new IOException("rootfs " + rootfs + " is not a directory");
        this.root = rootfs.toRealPath();
        this.events = events;
        this.skip = skip;
        this.virtual = virtual;
    }

    /** The virtual-ownership map this extractor records into; null when owners are applied on disk. */
    public VirtualOwnership virtualOwnership() {
        return virtual;
    }

    public Path root() {
        return root;
    }

    /** Applies the layers bottom-up (index 0 first). */
    public ExtractSummary apply(List<? extends Layer> layers) throws IOException {
        ExtractSummary s = ExtractSummary.EMPTY;
        for (Layer l : layers) s = s.plus(apply(l));
        return s;
    }

    /**
     * Applies one layer; its uncompressed digest is computed in the same pass and must equal the layer's diff ID
     * (else {@link DiffIdMismatchException}, after which the rootfs is not to be used).
     */
    public ExtractSummary apply(Layer layer) throws IOException {
        return apply(layer, null);
    }

    /**
     * Applies the layers bottom-up and indexes them in the same pass: {@code index} ends as {@link
     * dev.kiln.fs.LayerIndexer#index} would make it from the same layers, without a second read of them.
     */
    public ExtractSummary apply(List<? extends Layer> layers, TreeIndex index) throws IOException {
        ExtractSummary s = ExtractSummary.EMPTY;
        for (Layer l : layers) s = s.plus(apply(l, new LayerIndexUpdate(index)));
        return s;
    }

    private ExtractSummary apply(Layer layer, LayerIndexUpdate index) throws IOException {
        try (InputStream in = layer.open();
             InputStream tar = LayerBlobs.tar(in, layer.describe())) {
            DiffIdCheck check = new DiffIdCheck(tar, layer);
            ExtractSummary s = applyUncompressed(check, layer.describe(), index);
            check.finish();
            return s;
        }
    }

    /**
     * Applies one layer blob: a tar, plain or compressed (gzip, bzip2, xz or zstd, see {@link LayerBlobs}).
     *
     * @param label names the layer in errors and events
     */
    public ExtractSummary applyTar(InputStream blob, String label) throws IOException {
        try (InputStream tar = LayerBlobs.tar(blob, label)) {
            return applyUncompressed(tar, label, null);
        }
    }

    private ExtractSummary applyUncompressed(InputStream tar, String label, LayerIndexUpdate index) throws IOException {
        ExtractSummary s = new LayerApplier(root, events, label, skip, index, virtual).apply(tar);
        events.emit(Event.debug("extract", label + ": " + s.entries() + " entries, " + s.bytes() + " bytes into " + root));
        return s;
    }
}
