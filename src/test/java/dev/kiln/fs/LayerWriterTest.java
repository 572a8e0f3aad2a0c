package dev.kiln.fs;

import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.ParallelGzip;
import dev.kiln.fs.compress.SerialGzip;
import dev.kiln.fs.compress.ZstdEncoder;
import dev.kiln.image.Digest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LayerWriterTest {
    @TempDir Path tmp;

    @Test
    void writesEntriesAndBothDigestsInOnePass() throws Exception {
        Path src = tmp.resolve("src.txt");
        Files.writeString(src, "hello kiln\n");
        LayerFile layer;
        try (LayerWriter w = new LayerWriter(tmp.resolve("l.tar.gz"), null)) {
            w.addDirectory("/app", new EntryMeta(0755, 0, 0, 1000));
            w.addFile("/app/hello.txt", new EntryMeta(0644, 1000, 1000, 2000), src, Files.size(src));
            w.addSymlink("/app/link", new EntryMeta(0777, 0, 0, 2000), "hello.txt");
            w.addFile("/app/" + "x".repeat(150), new EntryMeta(04755, 0, 0, 2000), "long".getBytes(StandardCharsets.UTF_8));
            layer = w.finish();
        }
        byte[] blob = Files.readAllBytes(layer.file());
        assertEquals(blob.length, layer.descriptor().size());
        assertEquals(Digest.sha256(blob), layer.descriptor().digest());
        byte[] tar;
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(layer.file()))) {
            tar = in.readAllBytes();
        }
        assertEquals(Digest.sha256(tar), layer.diffId());
        assertFalse(Files.exists(tmp.resolve("l.tar.gz.partial")), "no partial file left");

        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                entries.add(e);
                if (e.getName().equals("app/hello.txt")) assertEquals("hello kiln\n", new String(t.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("app/", "app/hello.txt", "app/link", "app/" + "x".repeat(150)), entries.stream().map(TarArchiveEntry::getName).toList());
        assertEquals(1000, entries.get(1).getLongUserId());
        assertEquals(0644, entries.get(1).getMode() & 07777);
        assertEquals("hello.txt", entries.get(2).getLinkName());
        assertEquals(04755, entries.get(3).getMode() & 07777);
    }

    @Test
    void gnuTarReadsTheLayerAndSha256sumAgreesOnTheDiffId() throws Exception {
        LayerFile layer;
        try (LayerWriter w = new LayerWriter(tmp.resolve("l.tar.gz"), 0L)) {
            w.addDirectory("/d", new EntryMeta(0700, 5, 6, 99999));
            w.addFile("/d/f", new EntryMeta(0600, 5, 6, 99999), "x".getBytes(StandardCharsets.UTF_8));
            layer = w.finish();
        }
        String listing = run("sh", "-c", "tar -tvzf " + layer.file() + " --numeric-owner");
        assertTrue(listing.contains("drwx------ 5/6"), listing);
        assertTrue(listing.contains("1970-01-01"), "reproducible mtime: " + listing);
        String sum = run("sh", "-c", "gzip -dc " + layer.file() + " | sha256sum").split(" ")[0];
        assertEquals(layer.diffId().hex(), sum);
    }

    @Test
    void sameInputsGiveSameDigestsWhenReproducible() throws Exception {
        Digest[] d = new Digest[2];
        for (int i = 0; i < 2; i++) {
            try (LayerWriter w = new LayerWriter(tmp.resolve("r" + i + ".tar.gz"), 0L)) {
                w.addFile("/a", new EntryMeta(0644, 0, 0, System.nanoTime()), "same".getBytes(StandardCharsets.UTF_8));
                d[i] = w.finish().descriptor().digest();
            }
        }
        assertEquals(d[0], d[1]);
    }

    @Test
    void rejectsDuplicateEntriesAndRootAndLeavesNoPartialFileOnFailure() throws Exception {
        Path target = tmp.resolve("dup.tar.gz");
        try (LayerWriter w = new LayerWriter(target, null)) {
            w.addFile("/a", new EntryMeta(0644, 0, 0, 0), new byte[0]);
            assertThrows(IllegalStateException.class, () -> w.addFile("/./a", new EntryMeta(0644, 0, 0, 0), new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> w.addDirectory("/", new EntryMeta(0755, 0, 0, 0)));
        }
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(tmp.resolve("dup.tar.gz.partial")));
    }

    @Test
    void everyEncoderGivesMatchingDigestsAndItsMediaType() throws Exception {
        byte[] big = new byte[700_000];   // several parallel-gzip blocks
        new java.util.Random(5).nextBytes(big);
        for (int i = 0; i < big.length; i += 3) big[i] = 'k';
        List<LayerEncoder> encoders = List.of(new SerialGzip(), new ParallelGzip(6, ParallelGzip.BLOCK_SIZE, 2, 2), new ZstdEncoder(3, 2));
        Digest diffId = null;
        for (LayerEncoder enc : encoders) {
            LayerFile layer;
            try (LayerWriter w = new LayerWriter(tmp.resolve("e" + enc.fileSuffix()), 0L, enc)) {
                w.addDirectory("/d", new EntryMeta(0755, 0, 0, 1));
                w.addFile("/d/big", new EntryMeta(0644, 0, 0, 1), big);
                layer = w.finish();
            }
            assertEquals(enc.mediaType(), layer.descriptor().mediaType());
            assertEquals(Digest.sha256(Files.readAllBytes(layer.file())), layer.descriptor().digest(), enc.toString());
            assertEquals(Files.size(layer.file()), layer.descriptor().size());
            String tool = enc instanceof ZstdEncoder ? "zstd -q -dc " : "gzip -dc ";
            assertEquals(layer.diffId().hex(), run("sh", "-c", tool + layer.file() + " | sha256sum").split(" ")[0], enc.toString());
            if (diffId != null) assertEquals(diffId, layer.diffId(), "the tar does not depend on the compression");
            diffId = layer.diffId();
        }
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
