package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's download stream that reports {@link Event.BlobProgress} ({@link Event.Direction#PULL}) every
 * {@value #STEP} bytes and once at its end (progress displays show it whatever the verbosity).
 */
final class PullProgress extends FilterInputStream {
    static final long STEP = 1 << 20;
    private final EventSink events;
    private final String digest;
    private final String where;
    private final long total;
    private long bytes;
    private long reported;
    private boolean ended;

    private PullProgress(InputStream in, EventSink events, String digest, String where, long total) {
        super(in);
        this.events = events;
        this.digest = digest;
        this.where = where;
        this.total = total;
    }

    static InputStream of(InputStream in, EventSink events, String digest, String where, long total) {
        return new PullProgress(in, events, digest, where, total);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        counted(n);
        return n;
    }

    private void counted(int n) {
        if (n < 0) {
            if (!ended) {
                ended = true;
                events.emit(new Event.BlobProgress(digest, where, bytes, total, Event.Direction.PULL));
            }
            return;
        }
        bytes += n;
        if (bytes - reported >= STEP) {
            reported = bytes;
            events.emit(new Event.BlobProgress(digest, where, bytes, total, Event.Direction.PULL));
        }
    }
}
