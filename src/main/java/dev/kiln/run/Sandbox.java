package dev.kiln.run;

import java.io.IOException;

/** Executes one RUN command inside a stage's root filesystem. Implementations are thread-safe and stateless per run. */
public interface Sandbox {
    /**
     * Runs {@code spec.argv()} with its user, environment and working directory, streams its output to the spec's
     * sinks and returns once the command and every process it left behind have ended.
     *
     * @throws SandboxException when the run cannot be set up (unknown user, missing host tool, runtime failure)
     */
    RunResult run(RunSpec spec) throws IOException;

    /** The isolation this sandbox implements. */
    Isolation isolation();
}
