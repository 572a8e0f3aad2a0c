package dev.kiln.fs.compress;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a layer's tar stream into its blob. {@link #open} returns a stream that takes the uncompressed bytes and
 * writes the compressed blob to {@code out}; closing it finishes the blob, closes {@code out} and reports any
 * failure of its worker threads. Memory is bounded: only a few blocks are in flight, never the layer.
 * {@code flush()} on the returned stream never changes the output (it is a no-op), so the blob is a function of
 * the bytes written and the encoder's parameters only.
 */
public sealed interface LayerEncoder permits SerialGzip, ParallelGzip, ZstdEncoder {
    /** The OCI layer media type of the blobs written. */
    String mediaType();

    /** A file name suffix for blobs: {@code .tar.gz} or {@code .tar.zst}. */
    String fileSuffix();

    OutputStream open(OutputStream out) throws IOException;
}
