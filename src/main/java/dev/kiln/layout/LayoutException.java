package dev.kiln.layout;

import java.io.IOException;

/** A layout or archive that cannot be written or read as asked; the message names the file and the reason. */
public class LayoutException extends IOException {
    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
