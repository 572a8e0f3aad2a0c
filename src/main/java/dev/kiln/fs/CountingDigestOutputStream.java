package dev.kiln.fs;

import dev.kiln.image.Digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through while computing their sha256 and counting them. */
final class CountingDigestOutputStream extends FilterOutputStream {
    private final MessageDigest md = Digest.newSha256();
    private long count;

    CountingDigestOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        md.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        md.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    Digest digest() {
        return Digest.ofSha256(md);
    }
}
