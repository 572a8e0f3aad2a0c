package dev.kiln.build;

import dev.kiln.fs.LayerWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes new layer writers in the build's work directory; applies {@code --reproducible} mtimes. */
final class LayerFactory {
    private final Path dir;
    private final boolean reproducible;
    private final Instant buildTime;
    private final AtomicInteger seq = new AtomicInteger();

    LayerFactory(Path dir, boolean reproducible, Instant buildTime) {
        this.dir = dir;
        this.reproducible = reproducible;
        this.buildTime = buildTime;
    }

    LayerWriter newWriter() throws IOException {
        return newWriter(null);
    }

    /** @param tee when non-null, also receives the layer's uncompressed tar (see {@link LayerWriter}) */
    LayerWriter newWriter(java.io.OutputStream tee) throws IOException {
        return new LayerWriter(nextPath(), fixedMtime(), tee);
    }

    /** A fresh file name for the next layer blob. */
    Path nextPath() {
        return dir.resolve("layer-" + seq.incrementAndGet() + ".tar.gz");
    }

    /** The mtime every layer entry gets under {@code --reproducible}, else null (keep real mtimes). */
    Long fixedMtime() {
        return reproducible ? 0L : null;
    }

    /** A new empty directory in the work area (rootfs, overlay dirs). */
    Path scratchDir(String prefix) throws IOException {
        return java.nio.file.Files.createDirectories(dir.resolve(prefix + "-" + seq.incrementAndGet()));
    }


    /** Deletes a directory tree, best effort, without following symlinks. */
    static void deleteTree(Path root) {
        dev.kiln.fs.Trees.delete(root);
    }

    /** The mtime for entries kiln creates itself (directories), in epoch seconds. */
    long now() {
        return reproducible ? 0 : buildTime.getEpochSecond();
    }
}
