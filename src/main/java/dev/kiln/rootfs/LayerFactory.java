package dev.kiln.rootfs;

import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.fs.compress.LayerEncoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes new layer writers in the build's work directory; applies {@code --reproducible} mtimes and the build's
 * compression ({@link LayerCompression#encoder}: reproducible builds with default gzip keep the serial stream).
 */
public final class LayerFactory {
    private final Path dir;
    private final boolean reproducible;
    private final Instant buildTime;
    private final LayerEncoder encoder;
    private final AtomicInteger seq = new AtomicInteger();
    private final TreeDeleter deleter;
    private final ProcessOwner owner;

    public LayerFactory(Path dir, boolean reproducible, Instant buildTime, LayerCompression compression) {
        this(dir, reproducible, buildTime, compression, TreeDeleter.inline());
    }

    public LayerFactory(Path dir, boolean reproducible, Instant buildTime, LayerCompression compression, TreeDeleter deleter) {
        this(dir, reproducible, buildTime, compression, deleter, ProcessOwner.current());
    }

    /**
     * @param deleter deletes the scratch dirs the build no longer needs (in the background during a real build)
     * @param owner   who the build runs as: not root, each rootfs directory records what it cannot set on disk
     */
    public LayerFactory(Path dir, boolean reproducible, Instant buildTime, LayerCompression compression, TreeDeleter deleter,
                        ProcessOwner owner) {
        this.owner = owner;
        this.dir = dir;
        this.reproducible = reproducible;
        this.buildTime = buildTime;
        this.encoder = compression.encoder(reproducible);
        this.deleter = deleter;
    }

    public LayerWriter newWriter() throws IOException {
        return newWriter(null);
    }

    /** @param tee when non-null, also receives the layer's uncompressed tar (see {@link LayerWriter}) */
    public LayerWriter newWriter(java.io.OutputStream tee) throws IOException {
        return new LayerWriter(nextPath(), fixedMtime(), encoder, tee);
    }

    /** How this build compresses its layers. */
    LayerEncoder encoder() {
        return encoder;
    }

    /** Who the build runs as (root applies owners on disk, anyone else records them). */
    public ProcessOwner owner() {
        return owner;
    }

    /** The virtual-ownership map for a new rootfs directory; null when owners are applied on disk (root). */
    public VirtualOwnership newOwnershipMap() {
        return owner.newMap();
    }

    /** A fresh file name for the next layer blob. */
    Path nextPath() {
        return dir.resolve("layer-" + seq.incrementAndGet() + encoder.fileSuffix());
    }

    /** The mtime every layer entry gets under {@code --reproducible}, else null (keep real mtimes). */
    Long fixedMtime() {
        return reproducible ? 0L : null;
    }

    /**
     * A new empty directory in the work area (rootfs, overlay dirs): {@code <prefix>-<n>-<random>}. The random part
     * matters on ext4: in a work dir marked to spread its subdirectories (WorkDirs.create) the block group of a new
     * directory starts from a hash of its name, and a name every build uses would put each build's files among the
     * inodes the previous build deleted (slow to allocate without a journal).
     */
    public Path scratchDir(String prefix) throws IOException {
        String name = prefix + "-" + seq.incrementAndGet() + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 32);
        return java.nio.file.Files.createDirectories(dir.resolve(name));
    }


    /** Hands a scratch dir the build no longer reads to the deleter (off the critical path when in the background). */
    public void discard(Path scratch) {
        deleter.delete(scratch);
    }

    /** Hands a scratch dir to the deleter for when the build's outputs are written (the end of a build). */
    public void discardAtEnd(Path scratch) {
        deleter.deleteAtClose(scratch);
    }

    /** Deletes a directory tree now, best effort, without following symlinks. */
    public static void deleteTree(Path root) {
        dev.kiln.fs.Trees.delete(root);
    }

    /** The mtime for entries kiln creates itself (directories), in epoch seconds. */
    public long now() {
        return reproducible ? 0 : buildTime.getEpochSecond();
    }
}
