package dev.kiln.fs.compress;

import com.github.luben.zstd.ZstdInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ZstdEncoderTest {
    @TempDir Path tmp;

    @Test
    void decodesToTheInputWithZstdJniAndTheZstdTool() throws Exception {
        for (int size : new int[] {0, 1, 200_000, 3 << 20}) {
            byte[] data = TestData.mixed(size, size);
            byte[] z = TestData.encode(new ZstdEncoder(3, 2), data, 1);
            assertArrayEquals(data, unzstd(z));
            Path f = TestData.file(tmp, "l" + size + ".zst", z);
            TestData.run(tmp, "zstd", "-q", "-t", f.toString());
            TestData.run(tmp, "sh", "-c", "zstd -q -dc " + f.getFileName() + " > out");
            assertArrayEquals(data, Files.readAllBytes(tmp.resolve("out")));
        }
    }

    @Test
    void sameBytesForAnyNumberOfWorkers() throws Exception {
        byte[] data = TestData.mixed(7 << 20, 5);   // several multi-threading jobs at level 1 (2 MiB each)
        byte[] one = TestData.encode(new ZstdEncoder(1, 1), data, 1);
        assertArrayEquals(one, TestData.encode(new ZstdEncoder(1, 2), data, 2));
        assertArrayEquals(one, TestData.encode(new ZstdEncoder(1, 5), data, 3));
        assertArrayEquals(data, unzstd(one));
    }

    @Test
    void rejectsSingleThreadedModeAndBadLevels() {
        assertThrows(IllegalArgumentException.class, () -> new ZstdEncoder(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new ZstdEncoder(23, 1));
        assertThrows(IllegalArgumentException.class, () -> new ZstdEncoder(0, 1));
    }

    static byte[] unzstd(byte[] z) throws IOException {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(z))) {
            return in.readAllBytes();
        }
    }
}
