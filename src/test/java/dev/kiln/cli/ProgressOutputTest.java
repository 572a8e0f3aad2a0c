package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Without a terminal: plain step start/end lines with durations and a summary; --log-format json: typed events per line. */
class ProgressOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("f.txt"), "f\n");
        return ctx;
    }

    @Test
    void plainHasStepStartAndEndLinesAndASummary() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nRUN echo hi\nCOPY f.txt /f.txt\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--isolation", "chroot");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stderr().lines().toList();
        assertFalse(r.stderr().contains("\u001b["), "no ANSI without a terminal: " + r.stderr());
        int start = find(lines, "INFO\\[\\d+] \\[stage-0 1/2] RUN echo hi");
        int out = find(lines, "INFO\\[\\d+] hi");
        int end = find(lines, "INFO\\[\\d+] \\[stage-0 1/2] DONE \\d+\\.\\ds");
        assertTrue(start >= 0 && start < out && out < end, r.stderr());
        assertTrue(find(lines, "INFO\\[\\d+] \\[stage-0 2/2] DONE \\d+\\.\\ds") > end, r.stderr());
        assertTrue(lines.getLast().matches("INFO\\[\\d+] built image sha256:[0-9a-f]{64} in \\d+\\.\\ds: 2 steps \\(0 cached\\), "
                + "layers 0 pushed, 0 mounted, 0 already there"), r.stderr());
    }

    @Test
    void jsonIsOneTypedEventPerLineAndEveryStepStartsAndEnds() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = context("FROM " + reg + "/busybox:latest\nRUN echo out; echo err >&2\nCOPY f.txt /f.txt\nENV A=b\n");
        String dest = reg + "/kiln-progress-json:" + System.nanoTime();
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--destination", dest, "--isolation", "chroot", "--log-format=json");
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.stderr().lines().toList()) events.add(JSON.readTree(line)); // every line parses
        for (JsonNode e : events) {
            assertTrue(e.has("level") && e.has("msg") && e.has("time"), e.toString());
            assertEquals(List.of("level", "msg", "time"), names(e).subList(0, 3), e.toString());
        }
        Set<String> started = new HashSet<>();
        Set<String> ended = new HashSet<>();
        for (JsonNode e : events) {
            String type = e.path("type").asText("");
            String key = e.path("stage").asText() + "/" + e.path("index").asInt();
            switch (type) {
                case "step_started" -> {
                    for (String f : List.of("stage", "index", "count", "instruction")) assertTrue(e.has(f), f + " in " + e);
                    assertTrue(started.add(key), e.toString());
                }
                case "step_finished" -> {
                    for (String f : List.of("stage", "index", "count", "instruction", "elapsedMs", "cached")) assertTrue(e.has(f), f + " in " + e);
                    assertTrue(started.contains(key), "ends after it starts: " + e);
                    assertTrue(ended.add(key), e.toString());
                }
                default -> { }
            }
        }
        assertEquals(Set.of("stage-0/1", "stage-0/2", "stage-0/3"), started);
        assertEquals(started, ended);
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("run_output") && e.path("stream").asText().equals("stderr")
                && e.path("msg").asText().equals("err")), r.stderr());
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("run_output") && e.path("stream").asText().equals("stdout")
                && e.path("msg").asText().equals("out")), r.stderr());
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("blob_progress") && e.path("direction").asText().equals("pull")
                && e.path("bytes").asLong() == e.path("total").asLong() && e.path("digest").asText().startsWith("sha256:")), "base layers pulled: " + r.stderr());
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("layer_pushed") && e.has("placement") && e.has("destination")), r.stderr());
        JsonNode done = events.getLast();
        assertEquals("build_finished", done.path("type").asText(), done.toString());
        assertTrue(done.path("digest").asText().matches("sha256:[0-9a-f]{64}"), done.toString());
        assertEquals(3, done.path("steps").asInt(), done.toString());
        assertTrue(done.path("pushed").asInt() + done.path("mounted").asInt() + done.path("existed").asInt() >= 2, done.toString());
        for (String f : List.of("elapsedMs", "cached", "pushed", "mounted", "existed")) assertTrue(done.has(f), f + " in " + done);
    }

    @Test
    void aFailedStepEndsWithAFailedEventInJson() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nRUN exit 5\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--isolation", "chroot", "--log-format", "json");
        assertEquals(5, r.exitCode(), r.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.stderr().lines().filter(l -> l.startsWith("{")).toList()) events.add(JSON.readTree(line));
        JsonNode failed = events.stream().filter(e -> e.path("type").asText().equals("step_failed")).findFirst().orElseThrow(() -> new AssertionError(r.stderr()));
        assertEquals("error", failed.path("level").asText());
        assertEquals(1, failed.path("index").asInt());
        assertTrue(failed.path("error").asText().contains("exit code: 5"), failed.toString());
        assertTrue(failed.has("elapsedMs"), failed.toString());
    }

    private static int find(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).matches(regex)) return i;
        return -1;
    }

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }
}
