package dev.kiln.fs.compress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

class ParallelGzipTest {
    private static final int B = ParallelGzip.BLOCK_SIZE;

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, B - 1, B, B + 1, 2 * B, 7 * B + 12345})
    void decodesToTheInputWithJavaAndGnuGzip(int size) throws Exception {
        byte[] data = TestData.mixed(size, size);
        byte[] gz = TestData.encode(new ParallelGzip(6, B, 2, 3), data, 1);
        assertArrayEquals(data, gunzip(gz));
        Path f = TestData.file(tmp, "l.gz", gz);
        TestData.run(tmp, "gzip", "-t", f.toString());
        TestData.run(tmp, "sh", "-c", "gunzip -c l.gz > l.out");
        assertArrayEquals(data, Files.readAllBytes(tmp.resolve("l.out")));
        // one gzip member, whose trailer holds the CRC-32 and size of the whole input (gzip -l reads the size)
        String listing = TestData.run(tmp, "gzip", "-lv", f.toString());
        assertTrue(listing.contains(" " + size + " "), listing);
    }

    @Test
    void incompressibleDataAndEveryLevel() throws Exception {
        byte[] data = TestData.random(5 * B + 77, 3);
        for (int level = 1; level <= 9; level++) {
            byte[] gz = TestData.encode(new ParallelGzip(level, B, 3, 4), data, level);
            assertArrayEquals(data, gunzip(gz), "level " + level);
            assertTrue(gz.length < data.length + data.length / 100 + 100, "stored-size bound at level " + level + ": " + gz.length);
            TestData.run(tmp, "gzip", "-t", TestData.file(tmp, "r" + level + ".gz", gz).toString());
        }
    }

    @Test
    void sameBytesForAnyNumberOfThreadsAndWriteSizes() throws Exception {
        byte[] data = TestData.mixed(3 << 20, 9);
        byte[] one = TestData.encode(new ParallelGzip(6, B, 1, 1), data, 1);
        assertArrayEquals(one, TestData.encode(new ParallelGzip(6, B, 2, 6), data, 2));
        assertArrayEquals(one, TestData.encode(new ParallelGzip(6, B, 5, 20), data, 3));
        assertArrayEquals(one, TestData.encode(ParallelGzip.of(6), data, 4));
        // the dictionary carries matches across blocks: close to a single deflate stream's size
        byte[] serial = TestData.encode(new SerialGzip(), data, 5);
        assertTrue(one.length < serial.length * 1.02, one.length + " vs serial " + serial.length);
    }

    @Test
    void aFailingDestinationFailsTheLayerWithoutHanging() {
        byte[] data = TestData.mixed(20 * B, 4);
        OutputStream broken = new OutputStream() {
            int n;
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                if ((n += len) > 3 * B) throw new IOException("disk full");
            }
        };
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputStream out = new ParallelGzip(6, B, 2, 2).open(broken)) {
                for (int i = 0; i < data.length; i += 4096) out.write(data, i, Math.min(4096, data.length - i));
            }
        });
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzip(0, B, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzip(10, B, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzip(6, 1024, 1, 1));
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
