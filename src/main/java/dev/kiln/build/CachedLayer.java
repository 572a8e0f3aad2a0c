package dev.kiln.build;

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
final class CachedLayer implements Layer {
    private final Layer remote;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();

    CachedLayer(Layer remote, Path dir) {
        this.remote = remote;
        this.file = dir.resolve("base-" + remote.descriptor().digest().hex() + ".blob");
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
