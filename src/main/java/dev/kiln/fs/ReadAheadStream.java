package dev.kiln.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream read ahead on a helper thread: the helper reads {@code source} (typically a decompressor, so
 * inflating runs beside whoever parses and writes the result) into a few fixed-size chunks handed over through a
 * bounded queue, so at most {@code depth} chunks are held in memory. Errors of the source surface on the reader's
 * next read. {@link #close()} stops the helper and closes the source. One reader thread.
 */
public final class ReadAheadStream extends InputStream {
    /** Chunk size and queue depth used for layer blobs: 256 KiB × 8 = 2 MiB in flight at most. */
    public static final int CHUNK = 1 << 18;
    public static final int DEPTH = 8;

    private record Chunk(byte[] data, int length, IOException error) {
        static final Chunk EOF = new Chunk(new byte[0], -1, null);
    }

    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread helper;
    private Chunk cur;
    private int pos;
    private boolean eof;
    private volatile boolean closed;

    public ReadAheadStream(InputStream source, String name) {
        this(source, name, CHUNK, DEPTH);
    }

    public ReadAheadStream(InputStream source, String name, int chunkSize, int depth) {
        full = new ArrayBlockingQueue<>(depth + 1);
        free = new ArrayBlockingQueue<>(depth + 2);
        for (int i = 0; i < depth + 2; i++) free.add(new byte[chunkSize]);
        helper = Thread.ofVirtual().name("read-ahead " + name).start(() -> fill(source));
    }

    private void fill(InputStream source) {
        try (source) {
            while (!closed) {
                byte[] b = free.take();
                int n = source.readNBytes(b, 0, b.length);
                if (n > 0) full.put(new Chunk(b, n, null));
                if (n < b.length) break;
            }
            full.put(Chunk.EOF);
        } catch (InterruptedException | InterruptedIOException e) {
            // closed by the reader: nobody waits for more
        } catch (IOException e) {
            offerError(e);
        } catch (RuntimeException e) {
            offerError(new IOException(e.toString(), e));
        }
    }

    private void offerError(IOException e) {
        try {
            full.put(new Chunk(null, -1, e));
        } catch (InterruptedException ignored) {
            // closed meanwhile
        }
    }

    /** The current chunk with bytes left, or null at the end of the source. */
    private Chunk current() throws IOException {
        if (eof) return null;
        if (cur != null && pos < cur.length()) return cur;
        if (closed) throw new IOException("stream closed");
        if (cur != null) free.add(cur.data());
        cur = null;
        try {
            Chunk c = full.take();
            if (c.error() != null) {
                eof = true;
                throw new IOException(c.error().getMessage(), c.error());
            }
            if (c.length() < 0) {
                eof = true;
                return null;
            }
            cur = c;
            pos = 0;
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
    }

    @Override
    public int read() throws IOException {
        Chunk c = current();
        return c == null ? -1 : c.data()[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        Chunk c = current();
        if (c == null) return -1;
        int n = Math.min(len, c.length() - pos);
        System.arraycopy(c.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return cur == null ? 0 : cur.length() - pos;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        helper.interrupt();
        full.clear();
        free.clear();
    }
}
