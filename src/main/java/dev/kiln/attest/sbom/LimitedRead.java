package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;

/** Metadata files are small: anything larger than this is refused instead of filling the heap. */
final class LimitedRead {
    static final int MAX = 64 << 20;

    private LimitedRead() {}

    static byte[] all(InputStream in, String path) throws IOException {
        byte[] b = in.readNBytes(MAX + 1);
        if (b.length > MAX) throw new IOException(path + ": package metadata larger than " + (MAX >> 20) + " MiB");
        return b;
    }
}
