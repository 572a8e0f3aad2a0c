package dev.kiln.fs.compress;

import java.io.IOException;
import java.io.OutputStream;

/** Collects small writes into {@code size}-byte writes; {@code flush()} does nothing, {@code close()} writes the rest. */
final class Batching extends OutputStream {
    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private boolean closed;

    Batching(OutputStream out, int size) {
        this.out = out;
        this.buf = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == buf.length) drain();
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buf.length) {
            drain();
            out.write(b, off, len);
            return;
        }
        if (len > buf.length - pos) drain();
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        pos = 0;
    }
}
