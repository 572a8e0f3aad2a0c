package dev.kiln.context;

/** A build-context problem the user must fix: bad .dockerignore, missing or forbidden COPY/ADD source. */
public class ContextException extends RuntimeException {
    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
