package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.PrintStream;

/**
 * Renders events at or above a verbosity to stderr, one line each, in a {@link LogFormat} (default Kaniko-style
 * "INFO[0003] message"; {@code --log-format text|json} as logrus).
 */
final class ConsoleEvents implements EventSink {
    private final PrintStream out;
    private final Event.Level threshold;
    private final LogFormat format;
    private final long start = System.nanoTime();

    ConsoleEvents(PrintStream out, Event.Level threshold) {
        this(out, threshold, LogFormat.of("color", false, false, LocalClock.system()));
    }

    ConsoleEvents(PrintStream out, Event.Level threshold, LogFormat format) {
        this.out = out;
        this.threshold = threshold;
        this.format = format;
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
    public boolean accepts(Event.Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    @Override
    public void emit(Event e) {
        Event.Level level = kanikoLevel(e);
        if (!accepts(level)) return;
        print(level, text(e));
    }

    /** Prints one line at a level, whatever the threshold (progress renderers decide themselves). */
    void print(Event.Level level, String message) {
        long secs = (System.nanoTime() - start) / 1_000_000_000L;
        String line = format.line(level, secs, message);
        synchronized (out) {
            out.println(line);
        }
    }

    /** Kaniko prints no step end lines: here they stay at debug (the progress renderers show them at info). */
    static Event.Level kanikoLevel(Event e) {
        return e instanceof Event.StepFinished || e instanceof Event.StepFailed ? Event.Level.DEBUG : e.level();
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
            case Event.StepFailed f -> "[" + f.stage() + " " + f.index() + "/" + f.count() + "] failed after " + f.elapsed().toMillis() + " ms";
            case Event.BuildFinished b -> b.message();
        };
    }
}
