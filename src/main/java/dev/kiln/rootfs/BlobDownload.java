package dev.kiln.rootfs;

import dev.kiln.image.Blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One blob downloading into a file on a virtual thread: written to a private partial file, moved to its final name
 * once the source verified it (read to the end). Readers {@link #follow()} the partial file as it grows, so they
 * never hold the blob in memory and never wait for more than the next bytes; they see the end only after the
 * verification, and the download's error if it fails.
 */
final class BlobDownload {
    private static final int CHUNK = 1 << 18;

    private final Path partial;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private long written;
    private boolean done;
    private IOException error;

    private BlobDownload(Path partial, Path file) {
        this.partial = partial;
        this.file = file;
    }

    static BlobDownload start(Blob source, Path file) {
        Path partial;
        try {
            partial = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial");
        } catch (IOException e) {
            BlobDownload d = new BlobDownload(null, file);
            d.finish(0, new IOException("cannot create a file for " + source.descriptor().digest() + " in "
                    + file.getParent() + ": " + e.getMessage(), e));
            return d;
        }
        BlobDownload d = new BlobDownload(partial, file);
        Thread.ofVirtual().name("download " + source.descriptor().digest().hex()).start(() -> d.run(source));
        return d;
    }

    private void run(Blob source) {
        long total = 0;
        try (InputStream in = source.open();
             FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) { // what has arrived, not a full buffer: readers follow closely
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) out.write(bb);
                total += n;
                grew(total);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the work dir is deleted after the build
            }
            finish(total, e instanceof IOException io ? dev.kiln.fs.DiskFull.explain(io, partial, "a blob of "
                    + dev.kiln.fs.DiskFull.bytes(source.descriptor().size()) + ", " + dev.kiln.fs.DiskFull.bytes(total) + " written")
                    : new IOException("downloading " + source.descriptor().digest() + ": " + e, e));
            return;
        }
        // complete and verified (the source checks size and digest at its end): publish under the final name
        IOException err = null;
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            err = e;
        }
        finish(total, err);
    }

    private void grew(long total) {
        lock.lock();
        try {
            written = total;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void finish(long total, IOException e) {
        lock.lock();
        try {
            written = total;
            error = e;
            done = true;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean failed() {
        lock.lock();
        try {
            return done && error != null;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the whole blob; throws the download's error. */
    void await() throws IOException {
        waitFor(Long.MAX_VALUE);
    }

    /** Waits until more than {@code have} bytes are written or the download ended; returns the bytes written. */
    private long waitFor(long have) throws IOException {
        lock.lock();
        try {
            while (!done && written <= have) grown.await();
            if (error != null) throw new IOException(error.getMessage(), error);
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + file.getFileName());
        } finally {
            lock.unlock();
        }
    }

    private boolean complete(long have) {
        lock.lock();
        try {
            return done && error == null && have >= written;
        } finally {
            lock.unlock();
        }
    }

    /** A stream over the blob as it arrives; ends when the blob is complete and verified. */
    InputStream follow() throws IOException {
        if (partial == null) {
            await();
            return Files.newInputStream(file);
        }
        // opened before the move (the channel keeps the inode), or the finished file if the move already happened
        FileChannel ch;
        try {
            ch = FileChannel.open(partial, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            await();
            return Files.newInputStream(file);
        }
        return new Follower(ch);
    }

    private final class Follower extends InputStream {
        private final FileChannel ch;
        private long pos;

        Follower(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            while (true) {
                long avail = availableBytes();
                if (avail > pos) {
                    int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, avail - pos)), pos);
                    if (n > 0) {
                        pos += n;
                        return n;
                    }
                }
                if (complete(pos)) return -1;
                waitFor(pos);
            }
        }

        private long availableBytes() {
            lock.lock();
            try {
                return written;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
