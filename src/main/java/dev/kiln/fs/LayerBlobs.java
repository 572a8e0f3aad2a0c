package dev.kiln.fs;

import dev.kiln.source.Compression;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The tar stream inside a layer blob, in any of the compressions {@link Compression} recognizes. A compressed blob
 * is decompressed on a helper thread ({@link ReadAheadStream}), so inflating overlaps the tar parsing and file
 * writes of the caller; memory stays bounded to a few chunks.
 */
public final class LayerBlobs {
    private static final int RAW_BUFFER = 1 << 17;

    private LayerBlobs() {}

    /** @param name names the helper thread */
    public static InputStream tar(InputStream blob, String name) throws IOException {
        InputStream in = blob.markSupported() ? blob : new BufferedInputStream(blob, RAW_BUFFER);
        Compression c = Compression.detect(in);
        return c == Compression.NONE ? in : new ReadAheadStream(c.decompress(in), name);
    }
}
