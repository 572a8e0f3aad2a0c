package dev.kiln.fs.extract;

import dev.kiln.fs.DiffIdMismatchException;
import dev.kiln.fs.LayerIndexer;
import dev.kiln.image.Digest;
import dev.kiln.testsupport.GzipTarLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The uncompressed digest of a layer is checked against its diff ID in the pass that extracts or indexes it. */
class ExtractorDiffIdTest {
    @TempDir
    Path dir;

    private GzipTarLayer layer() throws IOException {
        return GzipTarLayer.create(dir.resolve("l.tar.gz"), Map.of("etc/hello.txt", "hello\n"));
    }

    private static GzipTarLayer withDiffId(GzipTarLayer l, Digest diffId) {
        return new GzipTarLayer(l.descriptor(), diffId, l.file());
    }

    @Test
    void matchingDiffIdExtracts() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        new Extractor(root, e -> { }).apply(List.of(layer()));
        assertEquals("hello\n", Files.readString(root.resolve("etc/hello.txt")));
    }

    @Test
    void wrongDiffIdFailsWithBothDigests() throws IOException {
        GzipTarLayer good = layer();
        Digest wrong = Digest.sha256("not the layer".getBytes(StandardCharsets.UTF_8));
        GzipTarLayer bad = withDiffId(good, wrong);
        Path root = Files.createDirectories(dir.resolve("root"));
        DiffIdMismatchException e = assertThrows(DiffIdMismatchException.class,
                () -> new Extractor(root, ev -> { }).apply(List.of(bad)));
        assertEquals(good.diffId(), e.actual());
        assertTrue(e.getMessage().contains(wrong.toString()) && e.getMessage().contains(good.diffId().toString())
                && e.getMessage().contains(good.descriptor().digest().toString()), e.getMessage());
    }

    @Test
    void indexingChecksTheDiffIdToo() throws IOException {
        GzipTarLayer good = layer();
        LayerIndexer.index(List.of(good));
        GzipTarLayer bad = withDiffId(good, Digest.sha256(new byte[1]));
        DiffIdMismatchException e = assertThrows(DiffIdMismatchException.class, () -> LayerIndexer.index(List.of(bad)));
        assertEquals(good.diffId(), e.actual());
    }

    @Test
    void trailingPaddingAfterTheTarEndCountsForTheDigest() throws IOException {
        // a tar with extra zero blocks after its end marker: the tar reader stops early, the check reads them too
        Path gz = dir.resolve("padded.tar.gz");
        byte[] tar;
        try (var in = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(layer().open())) {
            tar = in.readAllBytes();
        }
        byte[] padded = java.util.Arrays.copyOf(tar, tar.length + 10 * 512);
        try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            out.write(padded);
        }
        var d = new dev.kiln.image.Descriptor(dev.kiln.image.MediaTypes.OCI_LAYER_GZIP,
                Digest.sha256(Files.readAllBytes(gz)), Files.size(gz));
        GzipTarLayer l = new GzipTarLayer(d, Digest.sha256(padded), gz);
        new Extractor(Files.createDirectories(dir.resolve("root")), e -> { }).apply(l);
        LayerIndexer.index(List.of(l));
        GzipTarLayer unpadded = new GzipTarLayer(d, Digest.sha256(tar), gz);
        assertThrows(DiffIdMismatchException.class, () -> LayerIndexer.index(List.of(unpadded)));
    }
}
