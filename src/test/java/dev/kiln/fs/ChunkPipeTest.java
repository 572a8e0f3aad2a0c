package dev.kiln.fs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chunk pipe between a writer and a reader thread: all bytes in order, bounded, errors both ways. */
class ChunkPipeTest {
    @Test
    void bytesArriveInOrderThroughASmallPipe() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(1).nextBytes(data);
        ChunkPipe p = new ChunkPipe(4096, 2);
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try (OutputStream out = p.sink()) {
                for (int i = 0; i < data.length; i += 777) out.write(data, i, Math.min(777, data.length - i));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (InputStream in = p.source()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        w.get();
    }

    @Test
    void aWriterFailureReachesTheReader() throws Exception {
        ChunkPipe p = new ChunkPipe(16, 2);
        p.sink().write(new byte[] {1, 2, 3});
        p.sink().flush();
        p.fail(new IOException("source broke"));
        InputStream in = p.source();
        assertEquals(1, in.read());
        in.readNBytes(2);
        IOException e = assertThrows(IOException.class, in::read);
        assertTrue(e.getMessage().contains("source broke"));
    }

    @Test
    void aReaderThatStopsMakesTheBlockedWriterFail() throws Exception {
        ChunkPipe p = new ChunkPipe(16, 1);
        CompletableFuture<Throwable> w = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 1000; i++) p.sink().write(new byte[16]);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        p.source().read();
        p.source().close();
        Throwable t = w.get();
        assertTrue(t instanceof IOException && t.getMessage().contains("closed by its reader"), String.valueOf(t));
    }
}
