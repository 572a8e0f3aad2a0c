package dev.kiln.dockerfile.shell;

/** A word could not be expanded, e.g. {@code failed to process "${X": syntax error: missing '}'}. */
public class ShellExpansionException extends RuntimeException {
    public ShellExpansionException(String message) {
        super(message);
    }
}
