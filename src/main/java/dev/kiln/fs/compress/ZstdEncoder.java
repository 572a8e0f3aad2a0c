package dev.kiln.fs.compress;

import com.github.luben.zstd.ZstdOutputStream;
import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.io.OutputStream;

/**
 * zstd layers through zstd-jni, multi-threaded inside libzstd ({@code workers} ≥ 1 threads). libzstd's
 * multi-threaded frames are identical for any worker count ≥ 1 (only single-threaded mode, 0 workers, cuts jobs
 * differently), so the blob depends on the input and the level only. The frame carries a content checksum.
 */
public record ZstdEncoder(int level, int workers) implements LayerEncoder {
    public ZstdEncoder {
        if (level < 1 || level > 22) throw new IllegalArgumentException("zstd level must be 1-22: " + level);
        if (workers < 1) throw new IllegalArgumentException("zstd needs at least one worker (0 changes the output)");
    }

    /**
     * One worker per core, at most {@link #MAX_WORKERS}: each libzstd worker holds ~7 MiB of job buffers at level 3
     * (measured), and 8 workers already compress faster than a disk writes; the output is the same either way.
     */
    public static ZstdEncoder of(int level) {
        return new ZstdEncoder(level, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
    }

    static final int MAX_WORKERS = 8;

    @Override
    public String mediaType() { return MediaTypes.OCI_LAYER_ZSTD; }

    @Override
    public String fileSuffix() { return ".tar.zst"; }

    @Override
    public OutputStream open(OutputStream out) throws IOException {
        ZstdOutputStream z = new ZstdOutputStream(out);
        try {
            z.setLevel(level).setWorkers(workers).setChecksum(true);
        } catch (IOException | RuntimeException e) {
            z.close();
            throw e;
        }
        // batch the tar's 512-byte records before they cross JNI; never forward flush() (it would end a zstd block)
        return new Batching(z, 1 << 17);
    }
}
