package dev.kiln.source;

import java.io.IOException;

/** A medium refused to deliver (HTTP status, git ref missing, …); the message says what, where and why. */
public class SourceException extends IOException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
