package dev.kiln.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stderr of an OCI runtime: the container's own stderr with the runtime's log lines mixed in (runc logs through
 * logrus to stderr: {@code time="…" level=error msg="runc run failed: …"}). The container's bytes pass through
 * unchanged — only a line that starts like a logrus line is held until its end — and the runtime's own lines (a
 * logrus line whose message starts with {@code runc }, as runc's fatal errors do) are kept aside, so they never show
 * up as RUN output and the failure can be worded once.
 */
final class RuntimeLogFilter extends OutputStream {
    private static final byte[] PREFIX = "time=\"".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LOGRUS = Pattern.compile("time=\"[^\"]*\" level=(\\w+) msg=\"((?:[^\"\\\\]|\\\\.)*)\".*");

    private final OutputStream sink;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final List<String> errors = new ArrayList<>();
    private boolean lineStart = true;

    RuntimeLogFilter(OutputStream sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int passFrom = off;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (lineStart || held.size() > 0) {
                if (lineStart) {
                    sink.write(b, passFrom, i - passFrom);
                    passFrom = i;
                }
                lineStart = false;
                held.write(c);
                passFrom = i + 1;
                if (c == '\n') {
                    endHeldLine(true);
                } else if ((held.size() <= PREFIX.length && !prefixSoFar()) || held.size() > LineOutputStream.MAX_LINE) {
                    release();
                }
                continue;
            }
            if (c == '\n') lineStart = true;
        }
        sink.write(b, passFrom, off + len - passFrom);
    }

    /** The runtime's error messages (logrus {@code error}/{@code fatal} lines), unquoted, in order. */
    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (held.size() > 0) endHeldLine(false);
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private boolean prefixSoFar() {
        byte[] h = held.toByteArray();
        for (int i = 0; i < h.length; i++) if (h[i] != PREFIX[i]) return false;
        return true;
    }

    private void endHeldLine(boolean complete) throws IOException {
        String line = held.toString(StandardCharsets.UTF_8).stripTrailing();
        Matcher m = LOGRUS.matcher(line);
        if (m.matches() && m.group(2).startsWith("runc ")) {
            if (m.group(1).equals("error") || m.group(1).equals("fatal")) errors.add(unquote(m.group(2)));
            held.reset();
            lineStart = true;
        } else {
            release();
            lineStart = complete;
        }
    }

    private void release() throws IOException {
        held.writeTo(sink);
        held.reset();
    }

    /** Go's %q escapes as logrus writes them: \" \\ \n \t. */
    static String unquote(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> n;
            });
        }
        return b.toString();
    }
}
