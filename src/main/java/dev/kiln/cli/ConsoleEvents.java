package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.PrintStream;

/** Prints events at or above a verbosity to stderr, Kaniko-style ("INFO[0003] message"). */
final class ConsoleEvents implements EventSink {
    private final PrintStream out;
    private final Event.Level threshold;
    private final long start = System.nanoTime();

    ConsoleEvents(PrintStream out, Event.Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    /** Kaniko's --verbosity values: panic|fatal|error|warn|info|debug|trace. */
    static Event.Level level(String verbosity) {
        return switch (verbosity.toLowerCase(java.util.Locale.ROOT)) {
            case "panic", "fatal", "error" -> Event.Level.ERROR;
            case "warn", "warning" -> Event.Level.WARN;
            case "info" -> Event.Level.INFO;
            case "debug" -> Event.Level.DEBUG;
            case "trace" -> Event.Level.TRACE;
            default -> throw new IllegalArgumentException("invalid --verbosity '" + verbosity + "': use panic|fatal|error|warn|info|debug|trace");
        };
    }

    @Override
    public void emit(Event e) {
        if (e.level().ordinal() > threshold.ordinal()) return;
        long secs = (System.nanoTime() - start) / 1_000_000_000L;
        String tag = e.level() == Event.Level.WARN ? "WARN" : e.level().name().substring(0, 4);
        synchronized (out) {
            out.printf("%s[%04d] %s%n", tag, secs, e.message());
        }
    }
}
