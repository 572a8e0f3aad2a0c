package dev.kiln.source;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The compressions a tar can arrive in — base-image layers, context archives, ADD archives — recognized by their
 * magic bytes (as Docker does, never by a name or a media type): gzip, bzip2, xz, zstd, or none. The one place
 * kiln decompresses; {@link #open(InputStream)} is what every reader calls.
 */
public enum Compression {
    NONE, GZIP, BZIP2, XZ, ZSTD;

    private static final int BUFFER = 1 << 16;
    private static final int MAGIC = 6;

    /** The compression's name in messages: {@code none}, {@code gzip}, {@code bzip2}, {@code xz}, {@code zstd}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sniffs the first bytes of {@code in} (which must support mark/reset; nothing is consumed). */
    public static Compression detect(InputStream in) throws IOException {
        if (!in.markSupported()) throw new IllegalArgumentException("Compression.detect needs a stream with mark/reset");
        in.mark(MAGIC);
        byte[] m;
        try {
            m = in.readNBytes(MAGIC);
        } finally {
            in.reset();
        }
        return of(m);
    }

    /** The compression whose magic {@code head} starts with (NONE when none does). */
    public static Compression of(byte[] head) {
        if (starts(head, 0x1f, 0x8b)) return GZIP;
        if (starts(head, 'B', 'Z', 'h')) return BZIP2;
        if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0)) return XZ;
        if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) return ZSTD;
        return NONE;
    }

    /** The decompressed view of {@code in}, whichever of the known compressions it uses (itself, buffered, if none). */
    public static InputStream open(InputStream in) throws IOException {
        InputStream b = in.markSupported() ? in : new BufferedInputStream(in, BUFFER);
        return detect(b).decompress(b);
    }

    /** Decompresses {@code in} with this compression (multi-member gzip/bzip2/xz streams are read to the end). */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case BZIP2 -> Decoders.bzip2(in);
            case XZ -> Decoders.xz(in);
            case ZSTD -> Decoders.zstd(in);
        };
    }

    /**
     * The library decoders, behind static methods of their own class so that verifying {@link #decompress} loads
     * none of them: a build whose layers are all gzip never loads zstd-jni, xz or bzip2 classes.
     */
    private static final class Decoders {
        static InputStream bzip2(InputStream in) throws IOException {
            return new BZip2CompressorInputStream(in, true);
        }

        static InputStream xz(InputStream in) throws IOException {
            return new XZCompressorInputStream(in, true);
        }

        static InputStream zstd(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    }

    private static boolean starts(byte[] head, int... magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((head[i] & 0xff) != magic[i]) return false;
        return true;
    }
}
