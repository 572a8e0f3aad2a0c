package dev.kiln.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An input stream read ahead on a helper thread: the helper reads {@code source} (typically a decompressor, so
 * inflating runs beside whoever parses and writes the result) into a {@link ChunkPipe}, so at most a few chunks are
 * held in memory. Errors of the source surface on the reader's next read. {@link #close()} stops the helper and
 * closes the source. One reader thread.
 */
public final class ReadAheadStream extends InputStream {
    /** Chunk size and queue depth used for layer blobs: 256 KiB × 8 = 2 MiB in flight at most. */
    public static final int CHUNK = 1 << 18;
    public static final int DEPTH = 8;

    private final ChunkPipe pipe;
    private final InputStream in;
    private final Thread helper;

    public ReadAheadStream(InputStream source, String name) {
        this(source, name, CHUNK, DEPTH);
    }

    public ReadAheadStream(InputStream source, String name, int chunkSize, int depth) {
        pipe = new ChunkPipe(chunkSize, depth);
        in = pipe.source();
        // a platform thread: inflating is CPU-bound and must not hold one of the virtual threads' carriers
        helper = Thread.ofPlatform().daemon().name("read-ahead " + name).start(() -> fill(source, chunkSize));
    }

    private void fill(InputStream source, int chunkSize) {
        try (source) {
            OutputStream out = pipe.sink();
            byte[] b = new byte[chunkSize];   // large reads: few calls into the inflater
            int n;
            while ((n = source.read(b)) >= 0) out.write(b, 0, n);
            out.close(); // the end, only after the source ended cleanly (an error must not look like an end)
        } catch (InterruptedIOException e) {
            // closed by the reader: nobody waits for more
        } catch (IOException e) {
            failQuietly(e);
        } catch (RuntimeException e) {
            failQuietly(new IOException(e.toString(), e));
        }
    }

    private void failQuietly(IOException e) {
        try {
            pipe.fail(e);
        } catch (InterruptedIOException ignored) {
            // closed meanwhile
        }
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
        helper.interrupt();
    }
}
