package dev.kiln.rootfs;

import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A base-image layer that is downloaded (and digest-verified by its source) at most once per build: the
 * first {@link #open()} copies the blob into the work directory, later opens read that file. Pushing still
 * uses {@link #origin()}, so a layer that is never read is never downloaded.
 */
public final class CachedLayer implements Layer {
    private final Layer remote;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
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

    /** Downloads the blob now if it is not here yet (for parallel pulls before a sequential extraction). */
    void prefetch() throws IOException {
        open().close();
    }

    /** Fetches every cached layer of {@code layers} concurrently on virtual threads (digest-verified by their source). */
    public static void prefetchAll(java.util.List<? extends Layer> layers) throws IOException {
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (Layer l : layers) {
                if (l instanceof CachedLayer c) fs.add(exec.submit(() -> { c.prefetch(); return null; }));
            }
            for (var f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while pulling layers", e);
                }
            }
        }
    }

    @Override
    public InputStream open() throws IOException {
        lock.lock();
        try {
            if (!Files.exists(file)) {
                Path tmp = file.resolveSibling(file.getFileName() + ".partial");
                try (InputStream in = remote.open()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            lock.unlock();
        }
        return Files.newInputStream(file);
    }
}
