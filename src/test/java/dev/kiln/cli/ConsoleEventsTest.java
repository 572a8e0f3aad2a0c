package dev.kiln.cli;

import dev.kiln.event.Event;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Typed events render as the console lines kiln always printed; the verbosity filters by the event's level. */
class ConsoleEventsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String render(Event.Level threshold, Event... events) {
        ConsoleEvents c = new ConsoleEvents(new PrintStream(bytes, true, StandardCharsets.UTF_8), threshold);
        for (Event e : events) c.emit(e);
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("\\[\\d{4}]", "[0000]");
    }

    @Test
    void typedEventsPrintTodaysLines() {
        String out = render(Event.Level.INFO,
                new Event.StepStarted("stage-0", 1, 2, "COPY f /f"),
                new Event.StepFinished("stage-0", 1, 2, "COPY f /f", Duration.ofMillis(5), false),
                new Event.RunOutput("hello", true),
                new Event.CacheMiss("Dockerfile:3", "0123456789ab"),
                new Event.CacheHit("Dockerfile:4", "ba9876543210"),
                new Event.LayerPushed("sha256:0123456789ab", "127.0.0.1:5000/a", Event.Placement.UPLOADED, null, 42),
                new Event.LayerPushed("sha256:0123456789ab", "127.0.0.1:5000/b", Event.Placement.MOUNTED, "a", 42),
                new Event.LayerPushed("sha256:0123456789ab", "127.0.0.1:5000/c", Event.Placement.EXISTED, null, 42),
                new Event.BlobProgress("sha256:01", "127.0.0.1:5000/a", 10, 20),
                Event.warn("cache", "careful"),
                Event.debug("x", "hidden"));
        assertEquals("""
                INFO[0000] [stage-0 1/2] COPY f /f
                INFO[0000] hello
                INFO[0000] no cached layer for Dockerfile:3 (0123456789ab); executing
                INFO[0000] using cached layer for Dockerfile:4 (ba9876543210)
                INFO[0000] sha256:0123456789ab -> 127.0.0.1:5000/a: uploaded (42 bytes)
                INFO[0000] sha256:0123456789ab -> 127.0.0.1:5000/b: mounted from a
                INFO[0000] sha256:0123456789ab -> 127.0.0.1:5000/c: exists
                WARN[0000] careful
                """, out);
    }

    @Test
    void traceShowsTimingAndProgress() {
        String out = render(Event.Level.TRACE,
                new Event.StepFinished("app", 2, 3, "RUN make", Duration.ofMillis(1500), true),
                new Event.BlobProgress("sha256:01", "r/a", 10, 40));
        assertEquals("""
                DEBU[0000] [app 2/3] done in 1500 ms (cached)
                TRAC[0000] sha256:01 r/a: 25% (10/40 bytes)
                """, out);
    }

    @Test
    void oldFactoriesStillMakeLogAndWarningEvents() {
        assertInstanceOf(Event.Log.class, Event.info("t", "m"));
        assertEquals(Event.Level.WARN, Event.warn("t", "m").level());
        assertEquals("m", Event.debug("t", "m").message());
    }
}
