package dev.kiln.step;

import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.Shell;

import java.util.ArrayList;
import java.util.List;

/** CMD, ENTRYPOINT, SHELL and HEALTHCHECK (never expanded, as in BuildKit). */
public final class CommandSteps {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private final HistoryClock clock;

    CommandSteps(HistoryClock clock) {
        this.clock = clock;
    }

    public static List<String> withShell(StageState s, CommandLine c) {
        if (!c.prependShell()) return c.args();
        List<String> sh = s.container().shell() == null || s.container().shell().isEmpty()
                ? DEFAULT_SHELL : s.container().shell();
        List<String> out = new ArrayList<>(sh);
        out.add(String.join(" ", c.args()));
        return out;
    }

    void cmd(StageState s, Cmd c) {
        List<String> args = withShell(s, c.command());
        s.setContainer(s.container().withCmd(args).withArgsEscaped(Boolean.TRUE));
        s.markCmdSet();
        s.addHistory(clock.entry("CMD " + GoFormat.quotedList(args), false));
    }

    /** ENTRYPOINT also clears an inherited CMD unless this stage set CMD before it. */
    void entrypoint(StageState s, Entrypoint c) {
        List<String> args = withShell(s, c.command());
        var cc = s.container().withEntrypoint(args);
        if (!s.cmdSet()) cc = cc.withCmd(null);
        s.setContainer(cc);
        s.addHistory(clock.entry("ENTRYPOINT " + GoFormat.quotedList(args), false));
    }

    void shell(StageState s, Shell c) {
        s.setContainer(s.container().withShell(c.shell()));
        s.addHistory(clock.entry("SHELL " + GoFormat.plainList(c.shell()), false));
    }

    void healthcheck(StageState s, Healthcheck c) {
        var hc = new dev.kiln.image.Healthcheck(c.test(), c.intervalNanos(), c.timeoutNanos(),
                c.startPeriodNanos(), c.startIntervalNanos(), c.retries());
        s.setContainer(s.container().withHealthcheck(hc));
        String msg = "HEALTHCHECK {Test:" + GoFormat.plainList(c.test())
                + " Interval:" + GoFormat.duration(c.intervalNanos())
                + " Timeout:" + GoFormat.duration(c.timeoutNanos())
                + " StartPeriod:" + GoFormat.duration(c.startPeriodNanos())
                + " StartInterval:" + GoFormat.duration(c.startIntervalNanos())
                + " Retries:" + c.retries() + "}";
        s.addHistory(clock.entry(msg, false));
    }
}
