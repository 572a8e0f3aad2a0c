package dev.kiln.fs.compress;

import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * kiln's original layer compression, kept bit for bit for {@code --reproducible} builds with default settings:
 * one JDK {@link GZIPOutputStream} (default level 6) over the whole layer. Deflate output does not depend on how
 * the input is cut into writes, so the stream is the same as before; only the work is pipelined: the caller
 * writes the tar (and hashes it), one thread deflates, another hashes and writes the compressed bytes.
 */
public record SerialGzip() implements LayerEncoder {
    private static final int CHUNK = 1 << 16;
    private static final int DEPTH = 8;

    @Override
    public String mediaType() { return MediaTypes.OCI_LAYER_GZIP; }

    @Override
    public String fileSuffix() { return ".tar.gz"; }

    @Override
    public OutputStream open(OutputStream out) throws IOException {
        OutputStream written = new Handoff(out, "kiln-gzip-out", CHUNK, DEPTH);
        GZIPOutputStream gz;
        try {
            gz = new GZIPOutputStream(written, CHUNK);
        } catch (IOException | RuntimeException e) {
            written.close();
            throw e;
        }
        return new Handoff(gz, "kiln-gzip", CHUNK, DEPTH);
    }
}
