package dev.kiln.rootfs;

import dev.kiln.image.Blob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A blob read while it downloads: the reader sees all bytes, the end only after the source's end, its errors. */
class BlobDownloadTest {
    @TempDir
    Path dir;

    /** A blob whose stream hands out its bytes in pieces, pausing on a latch half-way, optionally failing at its end. */
    private record SlowBlob(byte[] data, CountDownLatch gate, boolean failAtEnd) implements Blob {
        @Override
        public Descriptor descriptor() {
            return new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(data), data.length);
        }

        @Override
        public InputStream open() {
            return new InputStream() {
                final ByteArrayInputStream in = new ByteArrayInputStream(data);

                @Override
                public int read() throws IOException {
                    byte[] b = new byte[1];
                    return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
                }

                boolean waited;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int pos = data.length - in.available();
                    int half = data.length / 2;
                    if (pos == half && !waited) {
                        waited = true;
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    int n = in.read(b, off, pos < half ? Math.min(len, half - pos) : len);
                    if (n < 0 && failAtEnd) throw new IOException("digest mismatch for blob");
                    return n;
                }
            };
        }
    }

    @Test
    void aReaderGetsTheFirstHalfBeforeTheSecondArrivesThenTheWholeBlob() throws Exception {
        byte[] data = new byte[3 * (1 << 20) + 5];
        new Random(7).nextBytes(data);
        CountDownLatch gate = new CountDownLatch(1);
        Path file = dir.resolve("b.blob");
        BlobDownload d = BlobDownload.start(new SlowBlob(data, gate, false), file);
        try (InputStream in = d.follow()) {
            byte[] first = in.readNBytes(data.length / 2);   // available while the source waits on the gate
            assertArrayEquals(java.util.Arrays.copyOf(data, data.length / 2), first);
            assertFalse(Files.exists(file), "not published before the end");
            gate.countDown();
            byte[] rest = in.readAllBytes();
            assertEquals(data.length - data.length / 2, rest.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length / 2, data.length), rest);
        }
        d.await();
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aFailureAtTheEndReachesTheReaderAndLeavesNoFile() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(8).nextBytes(data);
        CountDownLatch open = new CountDownLatch(0);
        Path file = dir.resolve("c.blob");
        BlobDownload d = BlobDownload.start(new SlowBlob(data, open, true), file);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = d.follow()) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertThrows(IOException.class, d::await);
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial file left");
        }
    }

    @Test
    void aCachedLayerIsDownloadedOnceAndReadFromItsFileAfterwards() throws Exception {
        byte[] data = new byte[200_000];
        new Random(9).nextBytes(data);
        int[] opens = {0};
        dev.kiln.image.Layer remote = new dev.kiln.image.Layer() {
            @Override
            public Descriptor descriptor() {
                return new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(data), data.length);
            }

            @Override
            public Digest diffId() {
                return Digest.sha256(data);
            }

            @Override
            public InputStream open() {
                opens[0]++;
                return new ByteArrayInputStream(data);
            }
        };
        CachedLayer l = new CachedLayer(remote, dir);
        CachedLayer.startAll(java.util.List.of(l));
        try (InputStream a = l.open(); InputStream b = l.open()) {
            assertArrayEquals(data, a.readAllBytes());
            assertArrayEquals(data, b.readAllBytes());
        }
        try (InputStream c = l.open()) {
            assertArrayEquals(data, c.readAllBytes());
        }
        assertEquals(1, opens[0]);
    }
}
