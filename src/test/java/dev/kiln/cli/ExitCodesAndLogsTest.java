package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Kaniko's exit codes (docs/kaniko-flags.md), short usage errors, --log-format and -v trace. */
class ExitCodesAndLogsTest {
    @TempDir Path tmp;

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        return ctx;
    }

    @Test
    void failingRunExitsWithTheCommandsExitCode() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nRUN echo before\nRUN exit 42\n");
        ToolResult r = Kiln.run("executor", "--context", "dir://" + ctx, "--no-push", "--isolation", "chroot");
        assertEquals(42, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Dockerfile:3:") && r.stderr().contains("exit code: 42"), r.stderr());
    }

    @Test
    void unknownFlagIsOneLineAndAHintWithKanikosExitCode() {
        ToolResult r = Kiln.run("build", "--no-such-flag", "--no-push");
        assertEquals(1, r.exitCode(), "Kaniko (cobra) exits 1 on usage errors: " + r);
        List<String> lines = r.stderr().lines().toList();
        assertEquals(2, lines.size(), "no usage text: " + r.stderr());
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("--no-such-flag"), lines.get(0));
        assertTrue(lines.get(1).contains("kiln build --help"), lines.get(1));

        ToolResult missing = Kiln.run("executor", "--destination");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertEquals(2, missing.stderr().lines().count(), missing.stderr());
        assertTrue(missing.stderr().contains("--destination"), missing.stderr());

        ToolResult warm = Kiln.run("warmer", "--bogus");
        assertEquals(1, warm.exitCode(), warm.toString());
        assertEquals(2, warm.stderr().lines().count(), warm.stderr());
    }

    @Test
    void jsonLogsAreOneLogrusObjectPerLine() throws Exception {
        Path ctx = context("FROM scratch\nENV A=b\n");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--dryrun", "--log-format=json",
                "--use-new-run", "--snapshotMode=redo", "--verbosity=debug");
        assertEquals(0, r.exitCode(), r.toString());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = r.stderr().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            JsonNode o = json.readTree(line);
            assertEquals(List.of("level", "msg", "time"), iterable(o.fieldNames()), line);
            assertTrue(o.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"level\":\"warning\"") && l.contains("Flag --snapshotMode is deprecated")), r.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.contains("--use-new-run is ignored")), r.stderr());

        ToolResult text = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--dryrun", "--log-format", "text", "--use-new-run");
        assertTrue(text.stderr().lines().anyMatch(l -> l.matches("time=\"[^\"]+\" level=warning msg=\".*use-new-run.*\"")), text.stderr());
        ToolResult stamped = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--dryrun", "--log-timestamp", "--use-new-run");
        assertTrue(stamped.stderr().lines().anyMatch(l -> l.matches("WARN\\[\\d{4}-\\d\\d-\\d\\dT[^]]+] .*use-new-run.*")), stamped.stderr());
    }

    @Test
    void traceLogsRegistryRequestsAndExtractedFilesDebugDoesNot() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = context("FROM " + reg + "/busybox:latest\nRUN true\n");
        ToolResult trace = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--isolation", "chroot", "-v", "trace");
        assertEquals(0, trace.exitCode(), trace.toString());
        assertTrue(trace.stderr().contains("TRAC[") && trace.stderr().contains("GET http://" + reg + "/v2/busybox/manifests/latest -> 200"), trace.stderr());
        assertTrue(trace.stderr().lines().anyMatch(l -> l.startsWith("TRAC[") && l.endsWith("bin/busybox")), trace.stderr());
        ToolResult debug = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--isolation", "chroot", "-v", "debug");
        assertEquals(0, debug.exitCode(), debug.toString());
        assertFalse(debug.stderr().contains("TRAC["), debug.stderr());
        assertTrue(trace.stderr().lines().count() > debug.stderr().lines().count() + 10, "trace logs more than debug");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
