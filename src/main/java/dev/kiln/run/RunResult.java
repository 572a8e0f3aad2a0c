package dev.kiln.run;

import java.util.List;

/**
 * What a RUN did.
 *
 * @param exitCode     the command's exit code (128+n when killed by signal n)
 * @param sandboxPaths absolute container paths the sandbox mounted over or created only for the run (/proc, /dev,
 *                     /etc/resolv.conf, …): a snapshot must ignore them; those the sandbox created are already removed
 * @param degraded     true when the sandbox ran without its usual isolation (a WARN event said why)
 * @param startError   why the command could not be started (the runtime's own words), or null when it ran
 * @param owners       RUN in a user namespace: the paths left with an owner other than the namespace's root or a mode
 *                     kiln cannot read and write through, as the namespace saw them (disk now has kiln's uid and an
 *                     owner-accessible mode); null when the RUN did not run in a user namespace
 */
public record RunResult(int exitCode, List<String> sandboxPaths, boolean degraded, String startError, List<NsOwner> owners) {
    /** Exit code of a command that could not be started (the shell's "command not found"; docs/kaniko-flags.md). */
    public static final int CANNOT_START = 127;

    public RunResult {
        sandboxPaths = List.copyOf(sandboxPaths);
        owners = owners == null ? null : List.copyOf(owners);
    }

    public RunResult(int exitCode, List<String> sandboxPaths, boolean degraded, String startError) {
        this(exitCode, sandboxPaths, degraded, startError, null);
    }

    public RunResult(int exitCode, List<String> sandboxPaths, boolean degraded) {
        this(exitCode, sandboxPaths, degraded, null, null);
    }

    /** True when the RUN ran in a user namespace and {@link #owners} says what it left on disk. */
    public boolean namespaced() {
        return owners != null;
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
