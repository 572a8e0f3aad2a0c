package dev.kiln.fs.compress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class SerialGzipTest {
    @Test
    void writesExactlyTheBytesOfOneGzipOutputStream() throws IOException {
        for (int size : new int[] {0, 1, 65536, 5 << 20}) {
            byte[] data = TestData.mixed(size, size);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(plain, 1 << 16)) {
                gz.write(data);
            }
            assertArrayEquals(plain.toByteArray(), TestData.encode(new SerialGzip(), data, 7), "size " + size);
        }
    }

    @Test
    void aFailingDestinationFailsTheLayerWithoutHanging() {
        byte[] data = TestData.random(8 << 20, 1);
        OutputStream broken = new OutputStream() {
            @Override public void write(int b) throws IOException { throw new IOException("disk full"); }
            @Override public void write(byte[] b, int off, int len) throws IOException { throw new IOException("disk full"); }
        };
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputStream out = new SerialGzip().open(broken)) {
                for (int i = 0; i < data.length; i += 8192) out.write(data, i, 8192);
            }
        });
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }
}
