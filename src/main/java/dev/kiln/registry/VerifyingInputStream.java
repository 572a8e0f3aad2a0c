package dev.kiln.registry;

import dev.kiln.image.Digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing and counting it. More bytes than expected fail at once; at EOF a size
 * or digest mismatch throws an IOException naming the expected and actual values, so a reader that reads to
 * the end never silently accepts wrong content.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private final MessageDigest md;
    private long count;
    private IOException failure;
    private boolean verified;

    /**
     * @param expectedSize expected length, or -1 when unknown
     * @param what         names the blob in errors (e.g. {@code blob sha256:… in host/repo})
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.md = expected.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) throw failure;
        if (verified) return -1;
        if (len == 0) return 0;
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        md.update(b, off, n);
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw fail(what + ": more data than the expected " + expectedSize + " bytes (expected digest " + expected + ")");
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 0))];
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
    public synchronized void mark(int limit) { }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verify() throws IOException {
        if (expectedSize >= 0 && count != expectedSize) {
            throw fail(what + ": size mismatch: expected " + expectedSize + " bytes, got " + count
                    + " (expected digest " + expected + ")");
        }
        Digest actual = new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(md.digest()));
        if (!actual.equals(expected)) {
            throw fail(what + ": digest mismatch: expected " + expected + ", got " + actual);
        }
        verified = true;
    }

    private IOException fail(String message) {
        failure = new IOException(message);
        return failure;
    }
}
