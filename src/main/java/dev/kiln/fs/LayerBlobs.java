package dev.kiln.fs;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The tar stream inside a layer blob: gzip (concatenated members allowed) or zstd, told apart by their magic
 * numbers, else a plain tar. Compressed blobs are decompressed on a helper thread ({@link ReadAheadStream}), so
 * inflating overlaps the tar parsing and file writes of the caller; memory stays bounded to a few chunks.
 */
public final class LayerBlobs {
    private static final int RAW_BUFFER = 1 << 17;

    private LayerBlobs() {}

    /** @param name names the helper thread */
    public static InputStream tar(InputStream blob, String name) throws IOException {
        InputStream in = blob.markSupported() ? blob : new BufferedInputStream(blob, RAW_BUFFER);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new ReadAheadStream(new GzipCompressorInputStream(in, true), name);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ReadAheadStream(new ZstdInputStream(in), name);
        }
        return in;
    }
}
