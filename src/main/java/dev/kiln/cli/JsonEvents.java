package dev.kiln.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code --log-format json}: one JSON object per event and line, schema in docs/events.md. Every line starts with
 * logrus' {@code level}, {@code msg}, {@code time} (Kaniko's json logs; plain log and warning lines have only these);
 * typed events add {@code type} and their fields. Step, build and blob events are written whatever the verbosity
 * (every step has a start and an end line); the others are filtered by it.
 */
final class JsonEvents implements EventSink {
    private static final JsonFactory JSON = new JsonFactory();
    private final PrintStream out;
    private final Event.Level threshold;
    private final Clock clock;

    JsonEvents(PrintStream out, Event.Level threshold, Clock clock) {
        this.out = out;
        this.threshold = threshold;
        this.clock = clock;
    }

    @Override
    public boolean accepts(Event.Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    @Override
    public void emit(Event e) {
        if (!always(e) && !accepts(e.level())) return;
        String line = line(e, OffsetDateTime.now(clock));
        synchronized (out) {
            out.println(line);
        }
    }

    private static boolean always(Event e) {
        return e instanceof Event.StepStarted || e instanceof Event.StepFinished || e instanceof Event.StepFailed
                || e instanceof Event.BuildFinished || e instanceof Event.BlobProgress;
    }

    /** The event's JSON line (no line separator). */
    static String line(Event e, OffsetDateTime now) {
        StringWriter w = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("level", LogFormat.logrusName(e.level()));
            g.writeStringField("msg", ConsoleEvents.text(e));
            g.writeStringField("time", now.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            fields(e, g);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return w.toString();
    }

    private static void fields(Event e, JsonGenerator g) throws IOException {
        switch (e) {
            case Event.Log _, Event.Warning _ -> { }
            case Event.StepStarted s -> {
                g.writeStringField("type", "step_started");
                step(g, s.stage(), s.index(), s.count(), s.instruction());
            }
            case Event.StepFinished f -> {
                g.writeStringField("type", "step_finished");
                step(g, f.stage(), f.index(), f.count(), f.instruction());
                g.writeNumberField("elapsedMs", f.elapsed().toMillis());
                g.writeBooleanField("cached", f.cached());
            }
            case Event.StepFailed f -> {
                g.writeStringField("type", "step_failed");
                step(g, f.stage(), f.index(), f.count(), f.instruction());
                g.writeNumberField("elapsedMs", f.elapsed().toMillis());
                g.writeStringField("error", f.error());
            }
            case Event.RunOutput r -> {
                g.writeStringField("type", "run_output");
                g.writeStringField("stream", r.stderr() ? "stderr" : "stdout");
            }
            case Event.BlobProgress p -> {
                g.writeStringField("type", "blob_progress");
                g.writeStringField("direction", p.direction().name().toLowerCase(Locale.ROOT));
                g.writeStringField("digest", p.digest());
                g.writeStringField("repository", p.where());
                g.writeNumberField("bytes", p.bytes());
                g.writeNumberField("total", p.total());
            }
            case Event.LayerPushed p -> {
                g.writeStringField("type", "layer_pushed");
                g.writeStringField("digest", p.shortDigest());
                g.writeStringField("destination", p.destination());
                g.writeStringField("placement", p.placement().name().toLowerCase(Locale.ROOT));
                if (p.from() != null) g.writeStringField("from", p.from());
                g.writeNumberField("bytes", p.size());
            }
            case Event.CacheHit h -> {
                g.writeStringField("type", "cache_hit");
                g.writeStringField("where", h.where());
                g.writeStringField("key", h.key());
            }
            case Event.CacheMiss m -> {
                g.writeStringField("type", "cache_miss");
                g.writeStringField("where", m.where());
                g.writeStringField("key", m.key());
            }
            case Event.BuildFinished b -> {
                g.writeStringField("type", "build_finished");
                g.writeNumberField("elapsedMs", b.elapsed().toMillis());
                g.writeStringField("digest", b.digest());
                g.writeNumberField("steps", b.steps());
                g.writeNumberField("cached", b.cached());
                g.writeNumberField("pushed", b.pushed());
                g.writeNumberField("mounted", b.mounted());
                g.writeNumberField("existed", b.existed());
            }
        }
    }

    private static void step(JsonGenerator g, String stage, int index, int count, String instruction) throws IOException {
        g.writeStringField("stage", stage);
        g.writeNumberField("index", index);
        g.writeNumberField("count", count);
        g.writeStringField("instruction", instruction);
    }
}
