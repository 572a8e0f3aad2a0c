package dev.kiln.context;

/** A build-context problem the user must fix: bad .dockerignore, missing or forbidden COPY/ADD source. */
public class ContextException extends RuntimeException {
    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "build context /x does not exist" or "… is not a directory", whichever is true. */
    public static ContextException notADirectory(String what, java.nio.file.Path p) {
        return new ContextException(what + " " + p + (java.nio.file.Files.exists(p) ? " is not a directory" : " does not exist"));
    }
}
