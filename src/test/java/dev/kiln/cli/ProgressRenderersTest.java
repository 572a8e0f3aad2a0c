package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.event.BuildTally;
import dev.kiln.event.Event;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The renderers' rules, on events made here: plain blob lines are throttled, json fields, --progress resolution. */
class ProgressRenderersTest {
    @Test
    void plainPrintsABlobLineAtMostEveryFiveSecondsAndNoneOnceDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong();
        PlainProgress p = new PlainProgress(new ConsoleEvents(out, Event.Level.INFO), Event.Level.INFO, now::get);
        String d = "sha256:" + "ab".repeat(32);
        p.emit(new Event.BlobProgress(d, "r/base", 1_000_000, 3_000_000, Event.Direction.PULL));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        p.emit(new Event.BlobProgress(d, "r/base", 1_500_000, 3_000_000, Event.Direction.PULL));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        p.emit(new Event.BlobProgress(d, "r/base", 2_000_000, 3_000_000, Event.Direction.PULL));
        p.emit(new Event.BlobProgress(d, "r/base", 2_500_000, 3_000_000, Event.Direction.PULL));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        p.emit(new Event.BlobProgress(d, "r/base", 3_000_000, 3_000_000, Event.Direction.PULL));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("INFO[0000] pulling sha256:abababababab from r/base: 2.00MB / 3.00MB"),
                lines.stream().map(l -> l.replaceAll("\\[\\d{4}]", "[0000]")).toList());
    }

    @Test
    void plainStepEndLinesAreInfoAndTheKanikoConsoleKeepsThemAtDebug() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PlainProgress p = new PlainProgress(new ConsoleEvents(out, Event.Level.INFO), Event.Level.INFO, System::nanoTime);
        p.emit(new Event.StepFinished("app", 2, 3, "RUN make", Duration.ofMillis(1500), false));
        p.emit(new Event.StepFinished("app", 3, 3, "COPY . /", Duration.ofMillis(20), true));
        p.emit(new Event.StepFailed("app", 1, 1, "RUN false", Duration.ofMillis(300), "exit code: 1"));
        assertEquals("""
                INFO[0000] [app 2/3] DONE 1.5s
                INFO[0000] [app 3/3] CACHED 0.0s
                ERRO[0000] [app 1/1] FAILED after 0.3s: RUN false
                """, bytes.toString(StandardCharsets.UTF_8).replaceAll("\\[\\d{4}]", "[0000]"));
    }

    @Test
    void jsonLinesCarryTypeAndFieldsAndLogLinesStayLogrus() throws Exception {
        ObjectMapper json = new ObjectMapper();
        OffsetDateTime t = OffsetDateTime.parse("2026-01-02T03:04:05Z");
        JsonNode log = json.readTree(JsonEvents.line(Event.warn("x", "careful"), t));
        List<String> names = new ArrayList<>();
        log.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("level", "msg", "time"), names);
        assertEquals("warning", log.get("level").asText());
        JsonNode push = json.readTree(JsonEvents.line(new Event.BlobProgress("sha256:01", "r/a", 10, 20), t));
        assertEquals("blob_progress", push.get("type").asText());
        assertEquals("push", push.get("direction").asText());
        assertEquals(10, push.get("bytes").asLong());
        assertEquals(20, push.get("total").asLong());
        assertEquals("2026-01-02T03:04:05Z", push.get("time").asText());
        JsonNode mounted = json.readTree(JsonEvents.line(new Event.LayerPushed("sha256:0123456789ab", "r/b", Event.Placement.MOUNTED, "r/a", 42), t));
        assertEquals("mounted", mounted.get("placement").asText());
        assertEquals("r/a", mounted.get("from").asText());
        JsonNode finished = json.readTree(JsonEvents.line(new Event.StepFinished("s", 1, 2, "RUN x", Duration.ofMillis(7), true), t));
        assertEquals(7, finished.get("elapsedMs").asLong());
        assertTrue(finished.get("cached").asBoolean());
        assertEquals("info", finished.get("level").asText());
    }

    @Test
    void jsonWritesStepEventsWhateverTheVerbosity() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonEvents j = new JsonEvents(new PrintStream(bytes, true, StandardCharsets.UTF_8), Event.Level.ERROR, Clock.systemUTC());
        j.emit(new Event.StepStarted("s", 1, 1, "RUN x"));
        j.emit(Event.info("x", "hidden"));
        j.emit(new Event.StepFinished("s", 1, 1, "RUN x", Duration.ZERO, false));
        assertEquals(2, bytes.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void tallyCountsWhatTheSummaryReports() {
        List<Event> seen = new ArrayList<>();
        BuildTally t = new BuildTally(seen::add);
        t.emit(new Event.StepFinished("s", 1, 2, "RUN x", Duration.ZERO, true));
        t.emit(new Event.StepFinished("s", 2, 2, "COPY a b", Duration.ZERO, false));
        t.emit(new Event.LayerPushed("sha256:0123456789ab", "r/a", Event.Placement.UPLOADED, null, 1));
        t.emit(new Event.LayerPushed("sha256:0123456789ac", "r/a", Event.Placement.MOUNTED, "r/b", 1));
        t.emit(new Event.LayerPushed("sha256:0123456789ad", "r/a", Event.Placement.EXISTED, null, 1));
        assertEquals(5, seen.size());
        assertEquals(new Event.BuildFinished(Duration.ofSeconds(3), "sha256:x", 2, 1, 1, 1, 1), t.finished(Duration.ofSeconds(3), "sha256:x"));
    }

    @Test
    void progressAutoIsTtyOnlyOnATerminalWithAUsefulTerm() {
        assertEquals("tty", LogOptions.mode("auto", true, "xterm"));
        assertEquals("plain", LogOptions.mode("auto", true, "dumb"));
        assertEquals("plain", LogOptions.mode("auto", true, null));
        assertEquals("plain", LogOptions.mode("auto", false, "xterm"));
        assertEquals("tty", LogOptions.mode("tty", false, null));
        assertEquals("plain", LogOptions.mode("PLAIN", true, "xterm"));
        assertThrows(IllegalArgumentException.class, () -> LogOptions.mode("fancy", true, "xterm"));
    }
}
