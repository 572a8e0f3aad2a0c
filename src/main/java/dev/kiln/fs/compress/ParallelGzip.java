package dev.kiln.fs.compress;

import dev.kiln.image.MediaTypes;

import java.io.OutputStream;

/**
 * Multi-threaded gzip, as pigz: the layer is cut into {@code blockSize} blocks, each deflated on its own by a
 * small thread pool with the previous 32 KiB as preset dictionary and ended by a sync flush (the last one
 * finished), and the pieces joined into one gzip member whose trailer has the CRC-32 and size of the whole input.
 * A block that does not compress is stored instead of deflated ({@link BlockEncoder}).
 * The output depends only on the input, the level and the block size — never on {@code threads}.
 *
 * @param threads   deflate workers (the build uses one per core)
 * @param inFlight  blocks handed to the workers and not yet written out (bounds memory: about
 *                  {@code 2 × inFlight × blockSize})
 */
public record ParallelGzip(int level, int blockSize, int threads, int inFlight) implements LayerEncoder {
    public static final int BLOCK_SIZE = 128 * 1024;
    static final int WINDOW = 32 * 1024;

    public ParallelGzip {
        if (level < 1 || level > 9) throw new IllegalArgumentException("gzip level must be 1-9: " + level);
        if (blockSize < WINDOW) throw new IllegalArgumentException("block size must be at least " + WINDOW + ": " + blockSize);
        if (threads < 1 || inFlight < 1) throw new IllegalArgumentException("threads and inFlight must be positive");
    }

    /** 128 KiB blocks, one worker per core, two blocks in flight per worker. */
    public static ParallelGzip of(int level) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ParallelGzip(level, BLOCK_SIZE, cores, 2 * cores + 2);
    }

    @Override
    public String mediaType() { return MediaTypes.OCI_LAYER_GZIP; }

    @Override
    public String fileSuffix() { return ".tar.gz"; }

    @Override
    public OutputStream open(OutputStream out) {
        return new ParallelGzipOutputStream(out, this);
    }
}
