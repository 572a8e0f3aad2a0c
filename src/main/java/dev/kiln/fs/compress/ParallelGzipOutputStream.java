package dev.kiln.fs.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * The stream of {@link ParallelGzip}. The producer fills blocks and computes the CRC-32; a full block is deflated
 * by the pool as soon as the next byte arrives (so the last block, possibly full, is always the one finished);
 * one writer thread takes the results in order and writes them to {@code out}. A layer that fits in one block is
 * compressed on the caller's thread, without starting any thread. Not thread-safe: one producer.
 */
final class ParallelGzipOutputStream extends OutputStream {
    private static final Future<BlockDeflater.Deflated> END = CompletableFuture.completedFuture(null);

    private final OutputStream out;
    private final ParallelGzip params;
    private final CRC32 crc = new CRC32();
    private long total;
    private byte[] block;
    private int fill;
    private byte[] previous;
    private boolean closed;
    // started with the second block
    private ExecutorService pool;
    private BlockingQueue<BlockEncoder> encoders;
    private BlockingQueue<Future<BlockDeflater.Deflated>> pending;
    private Thread writer;
    private volatile Throwable failure;

    ParallelGzipOutputStream(OutputStream out, ParallelGzip params) {
        this.out = out;
        this.params = params;
        this.block = new byte[params.blockSize()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("stream closed");
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            if (fill == block.length) dispatch(false);
            int n = Math.min(len, block.length - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
        }
    }

    /** A no-op: flushing would change the deflate stream. */
    @Override
    public void flush() throws IOException {
        check();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (pool == null) {
                writeHeader();
                BlockDeflater.Deflated d = deflateAlone();
                out.write(d.data(), 0, d.length());
            } else {
                try {
                    if (failure == null) dispatch(true);
                } finally {
                    stopWorkers();
                }
                check();
            }
            writeTrailer();
        } finally {
            out.close();
        }
    }

    private BlockDeflater.Deflated deflateAlone() {
        BlockEncoder e = new BlockEncoder(params.level());
        try {
            return e.encode(null, block, fill, true);
        } finally {
            e.end();
        }
    }

    private void dispatch(boolean last) throws IOException {
        check();
        if (pool == null) start();
        byte[] data = block;
        byte[] dict = previous;
        int length = fill;
        Future<BlockDeflater.Deflated> f = pool.submit(() -> {
            BlockEncoder e = encoders.poll();
            if (e == null) e = new BlockEncoder(params.level());
            try {
                return e.encode(dict, data, length, last);
            } finally {
                if (!encoders.offer(e)) e.end();
            }
        });
        try {
            pending.put(f);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a layer");
        }
        if (!last) {
            previous = data;
            block = new byte[params.blockSize()];
            fill = 0;
        }
    }

    private void start() {
        pool = Executors.newFixedThreadPool(params.threads(), Thread.ofPlatform().daemon().name("kiln-gzip-", 0).factory());
        encoders = new ArrayBlockingQueue<>(params.threads());
        pending = new ArrayBlockingQueue<>(params.inFlight());
        writer = Thread.ofPlatform().daemon().name("kiln-gzip-out").start(this::writeBlocks);
    }

    /** The writer thread: header, then each block's deflate data in order; drains without writing after a failure. */
    private void writeBlocks() {
        try {
            writeHeader();
        } catch (Throwable t) {
            failure = t;
        }
        while (true) {
            Future<BlockDeflater.Deflated> f;
            try {
                f = pending.take();
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("layer compression was interrupted");
                return;
            }
            if (f == END) return;
            try {
                BlockDeflater.Deflated d = f.get();
                if (failure == null) out.write(d.data(), 0, d.length());
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (Throwable t) {
                if (failure == null) failure = t;
            }
        }
    }

    private void stopWorkers() {
        boolean interrupted = false;
        while (true) {
            try {
                pending.put(END);
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        pool.shutdown();   // every task has ended: the writer waited for each one
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (BlockEncoder e = encoders.poll(); e != null; e = encoders.poll()) e.end();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void writeHeader() throws IOException {
        int xfl = params.level() == 9 ? 2 : params.level() == 1 ? 4 : 0;
        // magic, deflate, no flags, mtime 0, extra flags, OS 255 (unknown: the blob does not depend on the host)
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, (byte) 0xff});
    }

    private void writeTrailer() throws IOException {
        long c = crc.getValue();
        long n = total & 0xffffffffL;
        out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
    }

    private void check() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException io) throw new IOException(io.getMessage(), io);
        throw new IOException("layer compression failed: " + t, t);
    }
}
