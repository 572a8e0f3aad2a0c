package dev.kiln.fs.extract;

import dev.kiln.fs.ChunkPipe;
import dev.kiln.fs.ReadAheadStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Applies a tar stream to a rootfs while it is being written (a COPY layer's uncompressed tar, teed off the layer
 * writer): the writer writes to {@link #sink()}, an {@link Extractor} applies the entries on a helper thread, with
 * all of its rules and path checks. So the rootfs gets the layer once, without compressing and decompressing it, and
 * file writes overlap the layer's compression. Memory: a few pipe chunks ({@link ChunkPipe}). A failure of the applier surfaces on the
 * writer's next write and in {@link #finish()}.
 */
public final class TarTee implements Closeable {
    /** 4 MiB of slack: the layer writer (compressing) rarely waits for the applier, nor the applier for it. */
    private final ChunkPipe pipe = new ChunkPipe(ReadAheadStream.CHUNK, 16);
    private final InputStream in = pipe.source();
    private final OutputStream sink;
    private final Thread applier;
    private final String label;
    private volatile IOException failure;
    private volatile ExtractSummary summary;
    private boolean finished;

    private TarTee(Extractor x, String label) throws IOException {
        this.label = label;
        this.sink = new Guarded(pipe.sink());
        this.applier = Thread.ofPlatform().daemon().name("apply " + label).start(() -> run(x)); // CPU and disk bound
    }

    /** Starts applying whatever is written to {@link #sink()} to {@code x}'s rootfs. */
    public static TarTee start(Extractor x, String label) throws IOException {
        return new TarTee(x, label);
    }

    private void run(Extractor x) {
        try (InputStream tar = in) {
            summary = x.applyTar(tar, label);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(label + ": " + e, e);
        }
    }

    /** Where the layer's uncompressed tar goes; closing it ends the stream. */
    public OutputStream sink() {
        return sink;
    }

    /** Ends the stream (if the writer did not) and waits for the applier; throws its failure. */
    public ExtractSummary finish() throws IOException {
        finished = true;
        try {
            sink.close();
        } catch (IOException e) {
            if (failure == null) throw e;
        }
        join();
        if (failure != null) throw new IOException(failure.getMessage(), failure);
        return summary;
    }

    private void join() throws IOException {
        try {
            applier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while applying " + label);
        }
    }

    /** Abandons the stream (the writer failed): the applier stops; the rootfs is left as far as it got. */
    @Override
    public void close() throws IOException {
        if (finished) return;
        finished = true;
        try {
            in.close();
        } finally {
            applier.interrupt();
            join();
        }
    }

    /** Reports the applier's failure instead of the pipe's "closed by its reader". */
    private final class Guarded extends OutputStream {
        private final OutputStream out;

        Guarded(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw cause(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw cause(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw cause(e);
            }
        }

        private IOException cause(IOException e) throws IOException {
            join();
            return failure != null ? new IOException(failure.getMessage(), failure) : e;
        }
    }
}
