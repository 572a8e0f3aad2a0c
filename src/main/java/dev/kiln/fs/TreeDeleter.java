package dev.kiln.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Deletes directory trees (stage filesystems, overlay dirs, the work dir) off the critical path: {@link #delete}
 * queues a tree and returns at once; one background thread deletes the queued trees in order, best effort, each
 * with a few {@code rm} processes at once over its subdirectories (unlinks wait on the disk's journal far more than
 * on the CPU: measured on a busy 2-core VM, a Debian rootfs went in 8 s instead of 17 s), at the lowest CPU priority
 * ({@code nice -n 19}: the build goes first). {@link #deleteAtClose} leaves a tree for the end instead. {@link #close()}
 * waits until every queued tree is gone; the owner calls it once the outputs are written, before the process ends.
 * {@link #inline()} deletes on the caller's thread instead (tests, tools).
 */
public final class TreeDeleter implements AutoCloseable {
    private final ExecutorService exec;
    private final boolean detachAtClose;
    /** Trees queued or being deleted, not yet gone. */
    private final java.util.Set<Path> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The {@code rm} processes running for this deleter (stopped when what is left goes to a detached process). */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Trees left for {@link #close()}: nothing else is to be done by then (they would compete with the push). */
    private final java.util.Set<Path> atClose = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TreeDeleter(ExecutorService exec, boolean detachAtClose) {
        this.exec = exec;
        this.detachAtClose = detachAtClose;
    }

    /** Deletes in the background; {@link #close()} waits for the queue to drain. */
    public static TreeDeleter background() {
        return new TreeDeleter(thread(), false);
    }

    /**
     * Deletes in the background; {@link #close()} does not wait: whatever is not deleted yet is handed to a detached
     * low-priority process ({@link DetachedRemoval}) that finishes after this process has exited (a build's exit is not
     * held up by its rootfs deletion, 2-30 s on a busy disk). Falls back to waiting when no such process can start.
     */
    public static TreeDeleter detaching() {
        return new TreeDeleter(thread(), true);
    }

    private static ExecutorService thread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kiln-tree-deleter");
            t.setDaemon(true);
            return t;
        });
    }

    /** Deletes right away on the calling thread. */
    public static TreeDeleter inline() {
        return new TreeDeleter(null, false);
    }

    /** Queues {@code root} for deletion (or deletes it now when inline); null is ignored. */
    public void delete(Path root) {
        if (root == null) return;
        if (exec == null) {
            Trees.delete(root);
            return;
        }
        Path abs = root.toAbsolutePath();
        pending.add(abs);
        try {
            exec.execute(() -> {
                deleteSpread(abs);
                if (!Thread.currentThread().isInterrupted()) pending.remove(abs);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Trees.delete(root); // closed already: delete now rather than leave it behind
        }
    }

    /**
     * Queues {@code root} for deletion when this deleter closes, not now (inline: now): the end of a build, when only
     * its outputs are left to write, which deleting would slow down. A detaching deleter hands it to the detached
     * process with what else is left; a waiting one deletes it before it returns from {@link #close()}.
     */
    public void deleteAtClose(Path root) {
        if (root == null) return;
        if (exec == null || exec.isShutdown()) {
            Trees.delete(root);
            return;
        }
        atClose.add(root.toAbsolutePath());
    }

    static final int WORKERS = 4;

    /**
     * Deletes {@code root}: its directories two levels down (those on root's own filesystem) split among
     * {@link #WORKERS} {@code rm} processes, then whatever is left with {@link Trees#delete}.
     */
    void deleteSpread(Path root) {
        if (Trees.deleteSmall(root, Trees.SMALL)) return;
        List<List<Path>> groups = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) groups.add(new ArrayList<>());
        int n = 0;
        for (Path unit : units(root)) groups.get(n++ % WORKERS).add(unit);
        if (n > 1) {
            List<Thread> workers = new ArrayList<>();
            for (List<Path> g : groups) {
                if (!g.isEmpty()) workers.add(Thread.ofVirtual().start(() -> removeAll(g, running)));
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        Trees.delete(root);
    }

    /** Directories at depth 2 on root's filesystem; a depth-1 directory without subdirectories counts as one. */
    static List<Path> units(Path root) {
        List<Path> out = new ArrayList<>();
        Object dev = device(root);
        if (dev == null) return out;
        for (Path child : dirs(root, dev)) {
            List<Path> grand = dirs(child, dev);
            if (grand.isEmpty()) out.add(child);
            else out.addAll(grand);
        }
        return out;
    }

    private static List<Path> dirs(Path dir, Object dev) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && dev.equals(device(p))) out.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: left to the final delete of the root
        }
        return out;
    }

    private static Object device(Path p) {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void removeAll(List<Path> paths, java.util.Set<Process> running) {
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", "19", "rm", "-rf", "--one-file-system", "--"));
        for (Path p : paths) cmd.add(p.toAbsolutePath().toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            running.add(p);
            boolean done;
            try {
                done = p.waitFor(10, TimeUnit.MINUTES);
            } finally {
                running.remove(p);
            }
            if (done && p.exitValue() == 0) return;
        } catch (IOException e) {
            // no rm here: Trees.delete falls back to a Java walk below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Path p : paths) Trees.delete(p);
    }

    /** Stops the deleting thread and hands what is left to a detached process; false if none could start. */
    private boolean detach() {
        exec.shutdownNow(); // the deleting thread stops; its rm processes are stopped below, the detached one finishes
        try {
            exec.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Path> left = new ArrayList<>();
        for (Path p : atClose) {
            if (!pending.contains(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) left.add(p);
        }
        for (Path p : pending) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) left.add(p);
        }
        if (left.isEmpty()) return true;
        // the detached process deletes what they have not: an rm child still running would hold the JVM's exit (up
        // to 0.3 s, while its reaper thread sits in waitpid)
        for (Process p : running) p.destroy();
        for (Process p : running) {
            try {
                p.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (DetachedRemoval.start(left)) return true;
        for (Path p : left) Trees.delete(p);
        return true;
    }

    /**
     * Waits until every queued tree is deleted ({@link #detaching()}: hands them to a detached process instead);
     * later {@link #delete} calls delete inline.
     */
    @Override
    public void close() {
        if (exec == null) return;
        if (detachAtClose && detach()) return;
        for (Path p : atClose) delete(p);
        exec.shutdown();
        try {
            while (!exec.awaitTermination(1, TimeUnit.MINUTES)) {
                // a very large tree on a slow disk: keep waiting, the process must not leave it half-deleted
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
