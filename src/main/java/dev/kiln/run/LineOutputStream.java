package dev.kiln.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits bytes into lines (UTF-8, without the line end) for a consumer such as an event emitter. A partial last line
 * is delivered by {@link #flush()} or {@link #close()} (sandboxes flush their sinks once the command ended).
 * Long lines are cut at {@value #MAX_LINE} bytes so a binary blob cannot exhaust memory.
 */
public final class LineOutputStream extends OutputStream {
    static final int MAX_LINE = 64 * 1024;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    public LineOutputStream(Consumer<String> lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        buf.write(b);
        if (buf.size() >= MAX_LINE) emit();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    @Override
    public synchronized void flush() {
        if (buf.size() > 0) emit();
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        int n = buf.size();
        byte[] bytes = buf.toByteArray();
        if (n > 0 && bytes[n - 1] == '\r') n--;
        lines.accept(new String(bytes, 0, n, StandardCharsets.UTF_8));
        buf.reset();
    }
}
