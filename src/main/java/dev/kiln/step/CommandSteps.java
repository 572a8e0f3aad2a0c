package dev.kiln.step;

/** CMD, ENTRYPOINT, SHELL and HEALTHCHECK applied to the stage (never expanded, as in BuildKit). */
final class CommandSteps {
    private final HistoryClock clock;

    CommandSteps(HistoryClock clock) {
        this.clock = clock;
    }

    void cmd(StageState s, Step.Cmd c) {
        s.setContainer(s.container().withCmd(c.argv()).withArgsEscaped(Boolean.TRUE));
        s.markCmdSet();
        s.addHistory(clock.entry(c.history(), false));
    }

    /** ENTRYPOINT also clears an inherited CMD unless this stage set CMD before it. */
    void entrypoint(StageState s, Step.Entrypoint c) {
        var cc = s.container().withEntrypoint(c.argv());
        if (!s.cmdSet()) cc = cc.withCmd(null);
        s.setContainer(cc);
        s.addHistory(clock.entry(c.history(), false));
    }

    void shell(StageState s, Step.Shell c) {
        s.setContainer(s.container().withShell(c.shell()));
        s.addHistory(clock.entry(c.history(), false));
    }

    void healthcheck(StageState s, Step.Healthcheck c) {
        s.setContainer(s.container().withHealthcheck(c.check()));
        s.addHistory(clock.entry(c.history(), false));
    }
}
