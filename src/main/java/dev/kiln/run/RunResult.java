package dev.kiln.run;

import java.util.List;

/**
 * What a RUN did.
 *
 * @param exitCode     the command's exit code (128+n when killed by signal n)
 * @param sandboxPaths absolute container paths the sandbox mounted over or created only for the run (/proc, /dev,
 *                     /etc/resolv.conf, …): a snapshot must ignore them; those the sandbox created are already removed
 * @param degraded     true when the sandbox ran without its usual isolation (a WARN event said why)
 */
public record RunResult(int exitCode, List<String> sandboxPaths, boolean degraded) {
    public RunResult {
        sandboxPaths = List.copyOf(sandboxPaths);
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
