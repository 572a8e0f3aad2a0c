package dev.kiln.rootfs;

import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A base-image layer that is downloaded (and digest-verified by its source) at most once per build, into a file
 * in the work directory. The download runs on its own virtual thread ({@link BlobDownload}); {@link #open()}
 * streams the file while it is still being written, so extraction starts with the first bytes and several layers
 * download at once ({@link #startAll}). Pushing still uses {@link #origin()}, so a layer that is never read is
 * never downloaded.
 */
public final class CachedLayer implements Layer {
    private final Layer remote;
    private final Path file;
    private BlobDownload download;
    private final String label;

    public CachedLayer(Layer remote, Path dir) {
        this(remote, dir, remote.describe());
    }

    /** @param label names the layer in errors (its image and index) */
    public CachedLayer(Layer remote, Path dir, String label) {
        this.remote = remote;
        this.file = dir.resolve("base-" + remote.descriptor().digest().hex() + ".blob");
        this.label = label;
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public Descriptor descriptor() {
        return remote.descriptor();
    }

    @Override
    public Digest diffId() {
        return remote.diffId();
    }

    @Override
    public Optional<BlobOrigin> origin() {
        return remote.origin();
    }

    /** Starts the download in the background unless the blob is here or on its way. */
    synchronized BlobDownload start() {
        if (download == null || download.failed()) download = BlobDownload.start(remote, file);
        return download;
    }

    /** Starts downloading every cached layer of {@code layers} at once (virtual threads); does not wait. */
    public static void startAll(List<? extends Layer> layers) {
        for (Layer l : layers) if (l instanceof CachedLayer c) c.start();
    }

    /** The blob, read while it downloads: the stream ends only when the whole blob is here and verified. */
    @Override
    public InputStream open() throws IOException {
        return Files.exists(file) ? Files.newInputStream(file) : start().follow();
    }
}
