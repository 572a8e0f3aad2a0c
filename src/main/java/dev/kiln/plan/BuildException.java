package dev.kiln.plan;

import dev.kiln.dockerfile.instructions.SourceLocation;

/** A build failure; when it concerns an instruction the message starts with {@code Dockerfile:LINE:}. */
public class BuildException extends RuntimeException {
    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }

    public static BuildException at(SourceLocation loc, String message) {
        return new BuildException(loc.where() + ": " + message);
    }

    public static BuildException at(SourceLocation loc, String message, Throwable cause) {
        return new BuildException(loc.where() + ": " + message, cause);
    }
}
