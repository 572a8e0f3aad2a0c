package dev.kiln.fs.extract;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Creates a layer's regular files on worker threads while the caller goes on reading the tar stream. Creating a
 * file is mostly kernel work (inode allocation, directory insertion: ~0.1–0.3 ms each on ext4), so a layer of
 * thousands of small files is bound by it; spread over the cores it overlaps itself and the stream's parsing.
 *
 * <p>Ordering is the caller's, kept by two rules: a worker only ever creates a new file in a directory the caller
 * made before handing it over (workers never create, remove or replace anything else), and the caller {@link
 * #drain()}s before anything that could observe or touch a file still pending: the same path again, a hardlink to
 * it, a removal, a whiteout, the directory times at the end. Contents are read by the caller and handed over in
 * memory, at most {@link #IN_FLIGHT} bytes at once (the stream is read on one thread). The first failure is thrown
 * by the next {@link #submit} or {@link #drain}; after it nothing more is started. Caller: one thread.
 */
final class FileWorkers implements AutoCloseable {
    /** Larger files are written by the caller itself, not buffered. */
    static final int MAX_FILE = 1 << 20;
    static final int IN_FLIGHT = 16 << 20;

    /** A regular file to create: it throws what the entry's own application would. */
    interface Task {
        void run() throws IOException;
    }

    /** The failure of a handed-over file, already naming its layer and entry. */
    static final class Failed extends IOException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ExecutorService pool;
    private final Semaphore memory = new Semaphore(IN_FLIGHT);
    private final Set<Path> pending = new HashSet<>();
    private final List<Future<?>> running = new ArrayList<>();
    private volatile Failed failure;

    FileWorkers(int threads) {
        pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("extract-", 0).factory());
    }

    /** The number of workers worth starting on this machine: 0 (write in the caller) on one core. */
    static int forCores(int cores) {
        return cores <= 1 ? 0 : Math.min(cores, 4);
    }

    /** True when {@code p} was handed over since the last {@link #drain()} (it may not exist yet). */
    boolean pending(Path p) {
        return pending.contains(p);
    }

    /** True when {@code p} or one of its parents below {@code root} is {@link #pending}. */
    boolean pendingAtOrAbove(Path p, Path root) {
        if (pending.isEmpty()) return false;
        for (Path q = p; q != null && !q.equals(root); q = q.getParent()) {
            if (pending.contains(q)) return true;
        }
        return false;
    }

    /**
     * Hands a file over. {@code bytes} is the memory its contents hold until it is written.
     *
     * @param describe the failure's message prefix (layer and entry)
     */
    void submit(Path target, int bytes, String describe, Task task) throws IOException {
        rethrow();
        int permits = Math.min(bytes, IN_FLIGHT);
        try {
            memory.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting " + describe);
        }
        pending.add(target);
        running.add(pool.submit(() -> {
            try {
                if (failure == null) task.run();
            } catch (IOException | RuntimeException e) {
                fail(new Failed(describe + ": " + e.getMessage(), e));
            } finally {
                memory.release(permits);
            }
        }));
    }

    private synchronized void fail(Failed f) {
        if (failure == null) failure = f;
    }

    /** Waits until every file handed over is written; throws the first failure. */
    void drain() throws IOException {
        try {
            for (Future<?> f : running) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            running.clear();
            pending.clear();
        }
        rethrow();
    }

    private void rethrow() throws Failed {
        Failed f = failure;
        if (f != null) throw f;
    }

    /** Stops the workers; after a failure of the caller it waits for the files being written, so none outlives it. */
    @Override
    public void close() {
        failure = failure == null ? new Failed("closed", null) : failure;
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a file write cannot hang for good: keep waiting, nothing may write into the rootfs after this
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
