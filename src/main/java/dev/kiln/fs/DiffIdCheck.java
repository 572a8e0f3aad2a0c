package dev.kiln.fs;

import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The uncompressed stream of a layer, hashed as it is read so that its digest can be checked against the diff ID
 * the image config lists for it ({@code rootfs.diff_ids}) in the same pass that extracts or indexes it. A tar reader
 * stops at the end-of-archive records, so {@link #finish()} reads what is left (padding) before comparing. Closing
 * this stream does not close the one below (a tar reader closing early must not hide the check); the owner closes it.
 */
public final class DiffIdCheck extends FilterInputStream {
    private final Layer layer;
    private final MessageDigest md;

    public DiffIdCheck(InputStream uncompressed, Layer layer) {
        super(uncompressed);
        this.layer = layer;
        this.md = layer.diffId().newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) md.update((byte) b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) md.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(1 << 16, Math.max(n, 1))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the owner closes the underlying stream after finish()
    }

    /** Reads the rest of the stream and compares its digest with the layer's diff ID. */
    public void finish() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // drain: trailing tar padding belongs to the diff ID too
        }
        Digest actual = new Digest(layer.diffId().algorithm(), HexFormat.of().formatHex(md.digest()));
        if (!actual.equals(layer.diffId())) throw new DiffIdMismatchException(layer, actual);
    }
}
