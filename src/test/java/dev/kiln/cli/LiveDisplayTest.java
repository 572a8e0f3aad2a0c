package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --progress auto} in a pseudo-terminal ({@code script} from util-linux) draws the live display: the ANSI stream,
 * replayed as a terminal would, leaves one line per step with its duration, the summary and the image digest; a failed
 * RUN's whole output is printed at the end.
 */
class LiveDisplayTest {
    @TempDir Path tmp;

    private ToolResult inTerminal(Path ctx, String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "-c", ctx.toString(), "--no-push", "--isolation", "chroot"));
        args.addAll(List.of(extra));
        String cmd = Kiln.command(args.toArray(String[]::new)).stream().map(LiveDisplayTest::quote).collect(Collectors.joining(" "));
        return Tools.run(Duration.ofMinutes(5), List.of("env", "TERM=xterm", "script", "-q", "-e", "-c", cmd, "/dev/null"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("f.txt"), "f\n");
        return ctx;
    }

    @Test
    void stepsCollapseToOneTimedLineEachAndASummaryEnds() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nRUN echo one; echo two >&2\nCOPY f.txt /f.txt\nRUN echo done > /d\n");
        ToolResult r = inTerminal(ctx);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("\u001b["), "a terminal gets ANSI sequences: " + r.stdout());
        List<String> screen = AnsiScreen.render(r.stdout());
        String shown = String.join("\n", screen);
        assertTrue(screen.stream().anyMatch(l -> l.matches(" => \\[stage-0 1/3] RUN echo one; echo two >&2 +\\d+\\.\\ds")), shown);
        assertTrue(screen.stream().anyMatch(l -> l.matches(" => \\[stage-0 2/3] COPY f\\.txt /f\\.txt +\\d+\\.\\ds")), shown);
        assertTrue(screen.stream().anyMatch(l -> l.matches(" => \\[stage-0 3/3] RUN echo done > /d +\\d+\\.\\ds")), shown);
        assertEquals(1, screen.stream().filter(l -> l.contains("[stage-0 1/3]")).count(), "a finished step is one line: " + shown);
        assertFalse(screen.stream().anyMatch(l -> l.startsWith("[+] Building")), "the live area is erased at the end: " + shown);
        assertFalse(screen.stream().anyMatch(l -> l.contains("=> => one")), "a finished RUN's output collapses: " + shown);
        assertTrue(screen.stream().anyMatch(l -> l.matches("\\[\\+] Built in \\d+\\.\\ds: 3 steps \\(0 cached\\), layers 0 pushed, 0 mounted, 0 already there")), shown);
        assertTrue(screen.getLast().matches("\\[\\+] Image sha256:[0-9a-f]{64}"), shown);
    }

    @Test
    void aFailedRunShowsItsWholeOutputAtTheEnd() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nRUN for i in 1 2 3 4 5 6 7 8; do echo line$i; done; echo oops >&2; exit 3\n");
        ToolResult r = inTerminal(ctx);
        assertEquals(3, r.exitCode(), r.toString());
        List<String> screen = AnsiScreen.render(r.stdout());
        String shown = String.join("\n", screen);
        int header = indexOf(screen, "------ [stage-0 1/1] RUN for i in");
        assertTrue(header >= 0, shown);
        List<String> block = screen.subList(header + 1, Math.min(screen.size(), header + 11));
        // each stream keeps its order; where stderr's line falls among stdout's is not asserted (docs/events.md)
        assertEquals(List.of("line1", "line2", "line3", "line4", "line5", "line6", "line7", "line8"),
                block.subList(0, 9).stream().filter(l -> l.startsWith("line")).toList(), shown);
        assertTrue(block.subList(0, 9).contains("oops"), shown);
        assertTrue(block.get(9).matches("------ failed after \\d+\\.\\ds ------"), shown);
        assertTrue(screen.stream().anyMatch(l -> l.matches(" => ERROR \\[stage-0 1/1] RUN for i in .* +\\d+\\.\\ds")), shown);
        assertTrue(screen.stream().anyMatch(l -> l.matches("\\[\\+] Build failed after \\d+\\.\\ds \\(1 steps done\\)")), shown);
        assertTrue(indexOf(screen, "error: Dockerfile:2") > header, "the error comes after the display ended: " + shown);
    }

    @Test
    void plainIsChosenByFlagEvenInATerminal() throws Exception {
        Path ctx = context("FROM " + TestEnv.registry() + "/busybox:latest\nCOPY f.txt /f.txt\n");
        ToolResult r = inTerminal(ctx, "--progress=plain");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> screen = AnsiScreen.render(r.stdout());
        assertTrue(screen.stream().anyMatch(l -> l.matches("INFO\\[\\d+] \\[stage-0 1/1] DONE \\d+\\.\\ds")), String.join("\n", screen));
        assertFalse(r.stdout().contains("[+] Building"), r.stdout());
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(start) || lines.get(i).contains(start)) return i;
        return -1;
    }
}
