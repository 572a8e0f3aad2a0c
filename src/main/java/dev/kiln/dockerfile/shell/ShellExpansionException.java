package dev.kiln.dockerfile.shell;

/** A word could not be expanded (an IllegalArgumentException, so callers that add the instruction's line catch it), e.g. {@code failed to process "${X": syntax error: missing '}'}. */
public class ShellExpansionException extends IllegalArgumentException {
    public ShellExpansionException(String message) {
        super(message);
    }
}
