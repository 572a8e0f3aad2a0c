package dev.kiln.fs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes trees in a process of its own that outlives kiln (issue 12: a build's exit does not wait for its scratch
 * dirs to go): {@code setsid nice -n 19 sh -c 'rm -rf --one-file-system …'}, stdio on /dev/null, retrying once a second
 * (up to 10 minutes) while another {@code rm} still empties a subtree, until every path is gone.
 */
final class DetachedRemoval {
    private DetachedRemoval() {}

    /** The loop the detached shell runs over its arguments. */
    static final String SCRIPT = """
            i=0
            while [ "$i" -lt 600 ]; do
              rm -rf --one-file-system -- "$@" 2>/dev/null
              left=0
              for p do { [ -e "$p" ] || [ -L "$p" ]; } && left=1; done
              [ "$left" = 0 ] && exit 0
              i=$((i+1)); sleep 1
            done
            """;

    /** Starts the detached removal of {@code paths}; false when no such process could start (the caller deletes). */
    static boolean start(List<Path> paths) {
        List<String> shell = new ArrayList<>(List.of("sh", "-c", SCRIPT, "kiln-cleanup"));
        for (Path p : paths) shell.add(p.toAbsolutePath().toString());
        // own session: no terminal signal of kiln's; --fork: kiln's own child exits at once, so the JVM's exit does not
        // wait (up to 0.3 s) for its process-reaper thread, which sits in waitpid while a child runs
        List<String> detached = new ArrayList<>(List.of("setsid", "--fork", "nice", "-n", "19"));
        detached.addAll(shell);
        return spawn(detached) || spawn(shell); // without util-linux's setsid: a plain child, still not waited for
    }

    private static boolean spawn(List<String> cmd) {
        try {
            new ProcessBuilder(cmd)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
