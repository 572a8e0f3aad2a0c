package dev.kiln.dockerfile;

/** Bad Dockerfile input; the message starts with {@code Dockerfile:LINE:} when a line is known. */
public class DockerfileException extends RuntimeException {
    private final int line;

    public DockerfileException(String file, int line, String message) {
        super((file == null ? "Dockerfile" : file) + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
