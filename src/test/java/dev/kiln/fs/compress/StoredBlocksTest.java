package dev.kiln.fs.compress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Incompressible blocks of a parallel gzip stream are stored, not deflated (issue 12): the stream still decodes to the
 * input (JDK and GNU gzip), costs 5 bytes per 64 KiB of such data, and a block with something compressible in it is
 * still deflated.
 */
class StoredBlocksTest {
    private static final int B = ParallelGzip.BLOCK_SIZE;

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_534, 65_535, 65_536, 131_070, 200_000})
    void storedPiecesInflateToTheInput(int size) throws Exception {
        byte[] data = TestData.random(size, size);
        byte[] raw = StoredBlocks.of(data, size, true).data();
        int length = StoredBlocks.of(data, size, true).length();
        assertEquals(size + 5 * Math.max(1, (size + 65_534) / 65_535), length);
        Inflater inf = new Inflater(true);
        inf.setInput(raw, 0, length);
        byte[] out = new byte[size + 1];
        int n = 0;
        while (!inf.finished() && n <= size) n += inf.inflate(out, n, out.length - n);
        assertTrue(inf.finished(), "the last piece ends the deflate stream");
        assertArrayEquals(data, Arrays.copyOf(out, n));
    }

    @Test
    void randomLayerIsStoredAndDecodesWithJavaAndGnuGzip() throws Exception {
        byte[] data = TestData.random(9 * B + 999, 7);
        for (int level : new int[] {1, 6, 9}) {
            byte[] gz = TestData.encode(new ParallelGzip(level, B, 2, 3), data, level);
            assertArrayEquals(data, ParallelGzipTest.gunzip(gz));
            // header 10 + trailer 8 + 5 bytes per stored piece (the last, short block is deflated: too short to probe)
            assertTrue(gz.length <= data.length + 18 + 5 * (data.length / 65_535 + 10), level + ": " + gz.length);
            TestData.run(tmp, "gzip", "-t", TestData.file(tmp, "r" + level + ".gz", gz).toString());
        }
    }

    @Test
    void blocksWithCompressibleSamplesAreDeflated() {
        BlockEncoder e = new BlockEncoder(1);
        try {
            byte[] random = TestData.random(B, 1);
            assertTrue(e.incompressible(random, B));
            byte[] text = TestData.random(B, 2);
            // 8 KiB of text in the middle of random data: its windows have low entropy, so the block is deflated
            byte[] line = "usr/share/doc/kiln/copyright: Apache-2.0\n".getBytes();
            for (int i = B / 2 - 4096; i < B / 2 + 4096; i++) text[i] = line[i % line.length];
            assertFalse(e.incompressible(text, B));
            assertFalse(e.incompressible(new byte[B], B), "zeros");
            assertFalse(e.incompressible(random, 8 * BlockEncoder.SAMPLE - 1), "too short to probe");
            var d = e.encode(null, text, B, true);
            assertTrue(d.length() < B - 4096, "the text part compressed: " + d.length());
        } finally {
            e.end();
        }
    }

    @Test
    void mixedLayersStillDecodeAndStayDeterministic() throws Exception {
        byte[] data = TestData.mixed(4 << 20, 11);
        byte[] one = TestData.encode(new ParallelGzip(1, B, 1, 1), data, 1);
        assertArrayEquals(one, TestData.encode(new ParallelGzip(1, B, 2, 5), data, 2));
        assertArrayEquals(data, ParallelGzipTest.gunzip(one));
        TestData.run(tmp, "gzip", "-t", TestData.file(tmp, "m.gz", one).toString());
    }
}
