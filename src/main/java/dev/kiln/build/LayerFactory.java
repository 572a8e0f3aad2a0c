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
        return new LayerWriter(dir.resolve("layer-" + seq.incrementAndGet() + ".tar.gz"), reproducible ? 0L : null);
    }

    /** The mtime for entries kiln creates itself (directories), in epoch seconds. */
    long now() {
        return reproducible ? 0 : buildTime.getEpochSecond();
    }
}
