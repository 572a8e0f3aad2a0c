package dev.kiln.cli;

import dev.kiln.event.Durations;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --progress plain} (CI, no terminal): Kaniko's lines as {@link ConsoleEvents} prints them, plus a line when
 * each step ends (its duration, cached or failed), one progress line per blob at most every
 * {@value #BLOB_EVERY_SECONDS} s, and the build's summary.
 */
final class PlainProgress implements EventSink {
    static final long BLOB_EVERY_SECONDS = 5;
    private final ConsoleEvents lines;
    private final Event.Level threshold;
    private final Map<String, Long> blobLast = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier nanos;

    PlainProgress(ConsoleEvents lines, PrintStream err, Event.Level threshold, LogFormat format) {
        this(lines, threshold, System::nanoTime);
    }

    PlainProgress(ConsoleEvents lines, Event.Level threshold, java.util.function.LongSupplier nanos) {
        this.lines = lines;
        this.threshold = threshold;
        this.nanos = nanos;
    }

    @Override
    public boolean accepts(Event.Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    @Override
    public void emit(Event e) {
        switch (e) {
            case Event.StepFinished f -> {
                if (accepts(Event.Level.INFO)) {
                    lines.print(Event.Level.INFO, step(f.stage(), f.index(), f.count()) + (f.cached() ? " CACHED " : " DONE ")
                            + Durations.text(f.elapsed()));
                }
            }
            case Event.StepFailed f -> {
                if (accepts(Event.Level.ERROR)) {
                    lines.print(Event.Level.ERROR, step(f.stage(), f.index(), f.count()) + " FAILED after " + Durations.text(f.elapsed())
                            + ": " + f.instruction());
                }
            }
            case Event.BlobProgress p when !lines.accepts(Event.Level.TRACE) -> blob(p);
            default -> lines.emit(e);
        }
    }

    private void blob(Event.BlobProgress p) {
        if (!accepts(Event.Level.INFO)) return;
        String key = p.direction() + " " + p.digest() + " " + p.where();
        long now = nanos.getAsLong();
        if (p.total() > 0 && p.bytes() >= p.total()) {
            blobLast.remove(key);
            return;
        }
        Long last = blobLast.putIfAbsent(key, now);
        if (last == null || now - last < BLOB_EVERY_SECONDS * 1_000_000_000L) return;
        blobLast.put(key, now);
        lines.print(Event.Level.INFO, blobLine(p));
    }

    /** {@code pulling sha256:0123456789ab from r/busybox: 1.20MB / 3.40MB}. */
    static String blobLine(Event.BlobProgress p) {
        String verb = p.direction() == Event.Direction.PULL ? "pulling " : "pushing ";
        String prep = p.direction() == Event.Direction.PULL ? " from " : " to ";
        return verb + shortDigest(p.digest()) + prep + p.where() + ": " + Bytes.progress(p.bytes(), p.total());
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }

    static String step(String stage, int index, int count) {
        return String.format(Locale.ROOT, "[%s %d/%d]", stage, index, count);
    }
}
