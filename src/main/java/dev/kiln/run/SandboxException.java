package dev.kiln.run;

import java.io.IOException;

/** A RUN could not be set up or executed (not a non-zero exit of the command itself, which is a result). */
public class SandboxException extends IOException {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
