package dev.kiln.source;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Every compression kiln reads is found from its magic bytes and decompressed, whatever stream it arrives on. */
class CompressionTest {
    private static final byte[] TEXT = "ustar-ish payload, repeated ".repeat(500).getBytes(StandardCharsets.UTF_8);

    private static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = switch (c) {
            case NONE -> b;
            case GZIP -> new GZIPOutputStream(b);
            case BZIP2 -> new BZip2CompressorOutputStream(b);
            case XZ -> new XZCompressorOutputStream(b);
            case ZSTD -> new ZstdOutputStream(b);
        }) {
            o.write(data);
        }
        return b.toByteArray();
    }

    /** A stream without mark/reset, as an HTTP body or a registry blob is. */
    private static InputStream unmarkable(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void detectsAndDecompresses(Compression c) throws IOException {
        byte[] packed = compress(c, TEXT);
        assertEquals(c, Compression.of(packed));
        try (InputStream in = Compression.open(unmarkable(packed))) {
            assertArrayEquals(TEXT, in.readAllBytes());
        }
    }

    @Test
    void detectConsumesNothing() throws IOException {
        InputStream in = new ByteArrayInputStream(compress(Compression.XZ, TEXT));
        assertEquals(Compression.XZ, Compression.detect(in));
        assertEquals(Compression.XZ, Compression.detect(in));
        assertArrayEquals(TEXT, Compression.XZ.decompress(in).readAllBytes());
    }

    @Test
    void concatenatedGzipMembersAreReadToTheEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(compress(Compression.GZIP, "one ".getBytes(StandardCharsets.UTF_8)));
        b.write(compress(Compression.GZIP, "two".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = Compression.open(unmarkable(b.toByteArray()))) {
            assertEquals("one two", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shortAndEmptyInputsAreUncompressed() throws IOException {
        assertEquals(Compression.NONE, Compression.of(new byte[0]));
        assertEquals(Compression.NONE, Compression.of(new byte[] {0x1f}));
        try (InputStream in = Compression.open(unmarkable(new byte[] {'B', 'Z'}))) {
            assertArrayEquals(new byte[] {'B', 'Z'}, in.readAllBytes());
        }
        assertEquals("zstd", Compression.ZSTD.label());
    }
}
