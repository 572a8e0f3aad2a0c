package dev.kiln.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded pipe between two threads that hands over fixed-size chunks, so writer and reader run at the same
 * time (unlike {@link java.io.PipedInputStream}, whose writer waits until the reader has emptied the buffer). At
 * most {@code depth} full chunks are in flight. The writer {@link #fail fails} the stream or closes its
 * {@link #sink()} to end it; the reader closing its {@link #source()} makes the writer's next write fail.
 */
public final class ChunkPipe {
    private record Chunk(byte[] data, int length, IOException error) {
        static final Chunk EOF = new Chunk(new byte[0], -1, null);
    }

    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Sink sink = new Sink();
    private final Source source = new Source();
    private volatile boolean readerClosed;

    public ChunkPipe(int chunkSize, int depth) {
        full = new ArrayBlockingQueue<>(depth + 1);
        free = new ArrayBlockingQueue<>(depth + 2);
        for (int i = 0; i < depth + 2; i++) free.add(new byte[chunkSize]);
    }

    public OutputStream sink() {
        return sink;
    }

    public InputStream source() {
        return source;
    }

    /** Ends the stream with an error the reader gets on its next read. */
    public void fail(IOException e) throws InterruptedIOException {
        sink.end(new Chunk(null, -1, e));
    }

    private final class Sink extends OutputStream {
        private byte[] buf;
        private int len;
        private boolean ended;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            java.util.Objects.checkFromIndexSize(off, n, b.length);
            if (ended) throw new IOException("pipe closed by its writer");
            while (n > 0) {
                if (readerClosed) throw new IOException("pipe closed by its reader");
                if (buf == null) {
                    buf = take(free);
                    len = 0;
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
                if (len == buf.length) flushChunk();
            }
        }

        private void flushChunk() throws InterruptedIOException {
            if (buf == null || len == 0) return;
            put(new Chunk(buf, len, null));
            buf = null;
        }

        @Override
        public void flush() throws IOException {
            if (!ended) flushChunk();
        }

        void end(Chunk last) throws InterruptedIOException {
            if (ended) return;
            if (last.error() == null) flushChunk();
            ended = true;
            put(last);
        }

        @Override
        public void close() throws IOException {
            end(Chunk.EOF);
        }
    }

    private final class Source extends InputStream {
        private Chunk cur;
        private int pos;
        private boolean eof;

        private Chunk current() throws IOException {
            if (eof) return null;
            if (cur != null && pos < cur.length()) return cur;
            if (readerClosed) throw new IOException("stream closed");
            if (cur != null) free.offer(cur.data());
            cur = null;
            Chunk c = take(full);
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
            if (readerClosed) return;
            readerClosed = true;
            full.clear();
            // a writer waiting for a free chunk gets one and then sees the reader gone
            free.offer(new byte[1]);
        }
    }

    private <T> T take(BlockingQueue<T> q) throws InterruptedIOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted in a pipe");
        }
    }

    private void put(Chunk c) throws InterruptedIOException {
        try {
            while (!readerClosed) {
                if (full.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted in a pipe");
        }
    }
}
