package dev.kiln.fs.nativeio;

import java.io.IOException;

/** A failed libc call: the call, the path, errno and its {@code strerror} text. */
public final class ErrnoException extends IOException {
    private final int errno;
    private final String call;
    private final String path;

    public ErrnoException(String call, String path, int errno, String text) {
        super(call + " " + path + ": " + text + " (errno " + errno + ")");
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }

    public String path() {
        return path;
    }
}
