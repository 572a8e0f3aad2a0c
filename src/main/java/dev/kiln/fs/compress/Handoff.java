package dev.kiln.fs.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One pipeline stage: bytes written here are cut into chunks and written to {@code downstream} by a thread of its
 * own, in order, with at most {@code depth} chunks waiting (bounded memory, back-pressure on the writer). A failure
 * of the downstream is reported by the next write or by {@link #close()}, which also closes the downstream and
 * waits for the thread. Not thread-safe: one producer.
 */
final class Handoff extends OutputStream {
    private record Chunk(byte[] data, int length) {}
    private static final Chunk END = new Chunk(new byte[0], 0);

    private final OutputStream downstream;
    private final int chunkSize;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread worker;
    private volatile Throwable failure;
    private byte[] buf;
    private int pos;
    private boolean closed;

    Handoff(OutputStream downstream, String threadName, int chunkSize, int depth) {
        this.downstream = downstream;
        this.chunkSize = chunkSize;
        this.full = new ArrayBlockingQueue<>(depth);
        this.free = new ArrayBlockingQueue<>(depth + 2);
        this.buf = new byte[chunkSize];
        this.worker = Thread.ofPlatform().daemon().name(threadName).start(this::drain);
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == chunkSize) handOff();
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (pos == chunkSize) handOff();
            int n = Math.min(len, chunkSize - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** A no-op: chunks move on when full; {@link #close()} moves the rest. */
    @Override
    public void flush() throws IOException {
        check();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (pos > 0 && failure == null) put(new Chunk(buf, pos));
        } finally {
            buf = null;
            putEnd();
        }
        check();
    }

    private void handOff() throws IOException {
        if (closed) throw new IOException("stream closed");
        put(new Chunk(buf, pos));
        byte[] next = free.poll();
        buf = next != null ? next : new byte[chunkSize];
        pos = 0;
    }

    private void put(Chunk c) throws IOException {
        check();
        try {
            full.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data to " + worker.getName());
        }
    }

    /** Ends the worker and waits for it (uninterruptibly: it must not outlive this stream). */
    private void putEnd() {
        boolean interrupted = false;
        while (true) {
            try {
                full.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void check() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException io) throw new IOException(io.getMessage(), io);
        throw new IOException(worker.getName() + " failed: " + t, t);
    }

    /** The worker: writes chunks in order; after a failure it keeps draining so that the producer never blocks. */
    private void drain() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) break;
                if (failure != null) continue;
                try {
                    downstream.write(c.data(), 0, c.length());
                } catch (Throwable t) {
                    failure = t;
                }
                free.offer(c.data());
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException(worker.getName() + " was interrupted");
        }
        try {
            downstream.close();
        } catch (Throwable t) {
            if (failure == null) failure = t;
        }
    }
}
