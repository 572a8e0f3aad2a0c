package dev.kiln.plan;

import dev.kiln.dockerfile.instructions.SourceLocation;

/** A RUN whose command exited non-zero; kiln exits with {@link #exitCode()}, as Kaniko does. */
public final class RunFailedException extends BuildException {
    private final int exitCode;

    public RunFailedException(SourceLocation loc, String message, int exitCode) {
        super(loc.where() + ": " + message);
        this.exitCode = exitCode;
    }

    /** The command's exit code (128+n when killed by signal n). */
    public int exitCode() {
        return exitCode;
    }
}
