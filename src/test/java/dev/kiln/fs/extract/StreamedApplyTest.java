package dev.kiln.fs.extract;

import com.github.luben.zstd.ZstdOutputStream;
import dev.kiln.event.EventSink;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.compress.SerialGzip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers decompressed on a helper thread (gzip, multi-member gzip, zstd) and layers applied while written. */
class StreamedApplyTest {
    @TempDir
    Path tmp;
    Path rootfs;
    Extractor x;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        x = new Extractor(rootfs, EventSink.NONE);
    }

    private static byte[] big(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] compress(byte[] tar, boolean zstd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = zstd ? new ZstdOutputStream(out) : new GZIPOutputStream(out)) {
            c.write(tar);
        }
        return out.toByteArray();
    }

    private TarBuilder largeTar(byte[] content) {
        TarBuilder t = new TarBuilder();
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("big/blob");
        e.setMode(0644);
        t.put(e, content);
        for (int i = 0; i < 200; i++) t.file("many/f" + i, "file " + i);
        return t;
    }

    @Test
    void gzipAndZstdLayersLargerThanTheReadAheadWindowApplyCompletely() throws Exception {
        byte[] content = big(5 * (1 << 20) + 17, 1);   // > the 2 MiB read-ahead window
        for (boolean zstd : new boolean[] {false, true}) {
            x.applyTar(new ByteArrayInputStream(compress(largeTar(content).bytes(), zstd)), zstd ? "zstd" : "gzip");
            assertArrayEquals(content, Files.readAllBytes(rootfs.resolve("big/blob")));
            assertEquals("file 199", Files.readString(rootfs.resolve("many/f199")));
        }
    }

    @Test
    void concatenatedGzipMembersAreOneLayer() throws Exception {
        byte[] tar = new TarBuilder().file("a", "one").file("b", "two").bytes();
        int cut = 512 * 2; // after the first entry (header + data block)
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(compress(java.util.Arrays.copyOfRange(tar, 0, cut), false));
        both.write(compress(java.util.Arrays.copyOfRange(tar, cut, tar.length), false));
        x.applyTar(new ByteArrayInputStream(both.toByteArray()), "members");
        assertEquals("one", Files.readString(rootfs.resolve("a")));
        assertEquals("two", Files.readString(rootfs.resolve("b")));
    }

    @Test
    void aCorruptGzipLayerFailsWithTheLayerName() throws Exception {
        byte[] gz = compress(largeTar(big(1 << 20, 2)).bytes(), false);
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) gz[i] ^= 0x5a;
        IOException e = assertThrows(IOException.class, () -> x.applyTar(new ByteArrayInputStream(gz), "layer-x"));
        assertTrue(e.getMessage().contains("layer-x"), e.getMessage());
    }

    @Test
    void aSourceErrorAfterTheTarEndStillFailsTheLayer() throws Exception {
        // the tar ends early in the stream, its source fails at the very end (as a digest mismatch does)
        byte[] tar = new TarBuilder().file("a", "one").bytes();
        InputStream failingAtEnd = new java.io.SequenceInputStream(new ByteArrayInputStream(tar), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("digest mismatch");
            }
        });
        IOException e = assertThrows(IOException.class, () -> x.applyTar(failingAtEnd, "l"));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
    }

    @Test
    void aLayerTeedOffItsWriterLandsInTheRootfsAsExtractionWould() throws Exception {
        Path src = Files.write(tmp.resolve("src"), big(3 * (1 << 20), 3));
        Path other = Files.createDirectory(tmp.resolve("other"));
        LayerFile layer;
        try (TarTee tee = TarTee.start(x, "COPY");
             LayerWriter w = new LayerWriter(tmp.resolve("layer.tar.gz"), 0L, new SerialGzip(), tee.sink())) {
            w.addDirectory("/app", new EntryMeta(0750, 1000, 1000, 0));
            w.addFile("/app/data", new EntryMeta(0640, 1000, 1000, 0), src, Files.size(src));
            w.addSymlink("/app/link", new EntryMeta(0777, 0, 0, 0), "data");
            w.addHardlink("/app/hard", new EntryMeta(0640, 1000, 1000, 0), "/app/data");
            layer = w.finish();
            ExtractSummary s = tee.finish();
            assertEquals(4, s.entries());
        }
        new Extractor(other, EventSink.NONE).apply(layer);
        assertEquals(TreeFingerprint.of(other), TreeFingerprint.of(rootfs));
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(rootfs.resolve("app/data")));
    }

    @Test
    void aTeeWhoseApplierFailsFailsTheWriterWithTheApplierError() throws Exception {
        Files.writeString(rootfs.resolve("notadir"), "x");
        Path src = Files.write(tmp.resolve("src"), big(4 * (1 << 20), 4));
        IOException e = assertThrows(IOException.class, () -> {
            try (TarTee tee = TarTee.start(x, "COPY at Dockerfile:3");
                 LayerWriter w = new LayerWriter(tmp.resolve("layer.tar.gz"), 0L, new SerialGzip(), tee.sink())) {
                w.addFile("/notadir/f", new EntryMeta(0644, 0, 0, 0), src, Files.size(src));
                for (int i = 0; i < 8; i++) w.addFile("/more" + i, new EntryMeta(0644, 0, 0, 0), src, Files.size(src));
                w.finish();
                tee.finish();
            }
        });
        assertTrue(e.getMessage().contains("COPY at Dockerfile:3"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("layer.tar.gz")));
    }
}
