package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.PrintStream;

/** Renders events at or above a verbosity to stderr, Kaniko-style ("INFO[0003] message"), one line each. */
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
        String text = text(e);
        synchronized (out) {
            out.printf("%s[%04d] %s%n", tag, secs, text);
        }
    }

    /** The console line of each kind of event (Kaniko's log lines where Kaniko has one). */
    static String text(Event e) {
        return switch (e) {
            case Event.Log l -> l.message();
            case Event.Warning w -> w.message();
            case Event.StepStarted s -> "[" + s.stage() + " " + s.index() + "/" + s.count() + "] " + s.instruction();
            case Event.StepFinished f -> f.message();
            case Event.RunOutput r -> r.line();
            case Event.BlobProgress p -> p.total() > 0
                    ? p.digest() + " " + p.where() + ": " + (p.bytes() * 100 / p.total()) + "% (" + p.bytes() + "/" + p.total() + " bytes)"
                    : p.message();
            case Event.LayerPushed p -> p.message();
            case Event.CacheHit h -> h.message();
            case Event.CacheMiss m -> m.message();
        };
    }
}
