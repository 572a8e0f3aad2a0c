package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.fs.WorkDirs;
import dev.kiln.run.InPlaceIgnoreList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a build's files go and the directory it works in: {@code --kaniko-dir}, else {@code $KILN_DIR}, else
 * {@code $TMPDIR}, else the JVM's temp dir ({@code -Djava.io.tmpdir}, default /tmp). Before making its own, a build
 * removes the work dirs there whose kiln process is gone (README: "Work directories").
 */
final class WorkDir {
    private WorkDir() {}

    static Path root(String kanikoDir, Map<String, String> env, String javaTmp) {
        for (String dir : new String[] {kanikoDir, env.get("KILN_DIR"), env.get("TMPDIR"), javaTmp}) {
            if (dir != null && !dir.isBlank()) return Path.of(dir).toAbsolutePath().normalize();
        }
        return Path.of("/tmp");
    }

    /** Queues the leftovers of dead kiln processes in {@code root} for deletion and makes this build's work dir. */
    static Path create(Path root, EventSink events, TreeDeleter deleter) throws IOException {
        for (WorkDirs.Leftover l : WorkDirs.sweep(root, InPlaceIgnoreList.mountPoints(Path.of("/proc/self/mountinfo")))) {
            events.emit(Event.info("workdir", "removing " + l.dir() + ", left behind by kiln process " + l.owner().pid()
                    + " (no longer running)"));
            deleter.delete(l.dir());
        }
        try {
            return WorkDirs.create(root, "kiln-build-");
        } catch (IOException e) {
            throw new IOException("cannot create the build's work dir in " + root + " (set by --kaniko-dir, KILN_DIR or TMPDIR): "
                    + e.getMessage(), e);
        }
    }
}
