package dev.kiln.layout;

import dev.kiln.image.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Streams a blob while checking it against its descriptor: never more bytes than its size, and its digest. */
final class VerifiedCopy {
    private VerifiedCopy() {}

    /** Copies {@code in} to {@code out}; throws if the content's size or digest differs from {@code want}. */
    static void copy(InputStream in, OutputStream out, Descriptor want, String what) throws IOException {
        MessageDigest md = want.digest().newMessageDigest();
        byte[] buf = new byte[128 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            if (n + r > want.size()) {
                throw new LayoutException(what + ": content is longer than the " + want.size()
                        + " bytes its descriptor " + want.digest() + " says");
            }
            md.update(buf, 0, r);
            out.write(buf, 0, r);
            n += r;
        }
        if (n != want.size()) {
            throw new LayoutException(what + ": content has " + n + " bytes, its descriptor " + want.digest()
                    + " says " + want.size());
        }
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equals(want.digest().hex())) {
            throw new LayoutException(what + ": digest mismatch, descriptor says " + want.digest()
                    + " but the content is " + want.digest().algorithm() + ":" + got);
        }
    }
}
