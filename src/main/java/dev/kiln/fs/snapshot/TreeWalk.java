package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;

/** The iterative lstat walk behind {@link SnapshotIndex}: never follows symlinks, never enters ignored paths. */
final class TreeWalk {
    private TreeWalk() {}

    /** Fills {@code out} with every path below {@code root}; returns the newest ctime seen (epoch ns). */
    static long walk(Path root, Set<String> ignored, Map<String, StatEntry> out) throws IOException {
        long maxCtime = Long.MIN_VALUE;
        ArrayDeque<Path> dirs = new ArrayDeque<>();
        ArrayDeque<String> names = new ArrayDeque<>();
        dirs.push(root);
        names.push("");
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            String abs = names.pop();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path child : ds) {
                    String path = abs + "/" + child.getFileName().toString();
                    if (ignored.contains(path)) continue;
                    StatEntry e;
                    try {
                        e = Stat.of(child);
                    } catch (NoSuchFileException gone) {
                        continue; // removed while we walked (e.g. a process's temp file): not part of this state
                    }
                    out.put(path, e);
                    if (e.ctimeNanos() > maxCtime) maxCtime = e.ctimeNanos();
                    if (e.kind() == FileKind.DIR) {
                        dirs.push(child);
                        names.push(path);
                    }
                }
            } catch (NoSuchFileException gone) {
                // directory removed while walking
            } catch (IOException ex) {
                throw new IOException("snapshot: cannot read " + (abs.isEmpty() ? "/" : abs) + " in " + root + ": " + ex.getMessage(), ex);
            }
        }
        return maxCtime;
    }
}
