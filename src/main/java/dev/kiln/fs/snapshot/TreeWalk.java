package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * The lstat walk behind {@link SnapshotIndex}: never follows symlinks, never enters ignored paths. Directories
 * are listed in parallel (one fork/join task per directory, on a pool of at most {@value #MAX_THREADS} threads
 * owned by this walk); stat calls dominate, and two threads measured about 1.4× faster than one on 100k files.
 */
final class TreeWalk {
    static final int MAX_THREADS = 4;

    private TreeWalk() {}

    /** Fills {@code out} (thread-safe) with every path below {@code root}; returns the newest ctime seen (epoch ns). */
    static long walk(Path root, Set<String> ignored, Map<String, StatEntry> out) throws IOException {
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.invoke(new DirTask(root, root, "", ignored, out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class DirTask extends RecursiveTask<Long> {
        private final Path root;
        private final Path dir;
        private final String abs;
        private final Set<String> ignored;
        private final Map<String, StatEntry> out;

        DirTask(Path root, Path dir, String abs, Set<String> ignored, Map<String, StatEntry> out) {
            this.root = root;
            this.dir = dir;
            this.abs = abs;
            this.ignored = ignored;
            this.out = out;
        }

        @Override
        protected Long compute() {
            long maxCtime = Long.MIN_VALUE;
            List<DirTask> subdirs = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path child : ds) {
                    String path = abs + "/" + child.getFileName().toString();
                    if (ignored.contains(path)) continue;
                    StatEntry e;
                    try {
                        e = Stat.of(child);
                    } catch (NoSuchFileException gone) {
                        continue; // removed while we walked: not part of this state
                    }
                    out.put(path, e);
                    maxCtime = Math.max(maxCtime, e.ctimeNanos());
                    if (e.kind() == FileKind.DIR) subdirs.add(new DirTask(root, child, path, ignored, out));
                }
            } catch (NoSuchFileException gone) {
                return maxCtime; // directory removed while walking
            } catch (IOException ex) {
                throw new UncheckedIOException(new IOException("snapshot: cannot read " + (abs.isEmpty() ? "/" : abs)
                        + " in " + root + ": " + ex.getMessage(), ex));
            }
            for (DirTask t : invokeAll(subdirs)) maxCtime = Math.max(maxCtime, t.join());
            return maxCtime;
        }
    }
}
