package dev.kiln.step;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.WordExpander;

import dev.kiln.dockerfile.instructions.Instruction;

/**
 * Applies the config-only steps (no filesystem change) to a stage: one place, used by the build loop, by the
 * cache's key planner (on a throw-away state) and by the dry run (on a simulated state).
 */
public final class MetadataSteps {
    private final EnvSteps env;
    private final CommandSteps commands;
    private final ConfigSteps config;
    private final Steps steps;

    public MetadataSteps(WordExpander words, HistoryClock clock, BuildArgs args) {
        this.env = new EnvSteps(clock);
        this.commands = new CommandSteps(clock);
        this.config = new ConfigSteps(clock);
        this.steps = new Steps(words, args);
    }

    public void apply(StageState s, Step.Config step) {
        switch (step) {
            case Step.Env c -> env.env(s, c);
            case Step.Arg c -> env.arg(s, c);
            case Step.Label c -> env.label(s, c);
            case Step.Cmd c -> commands.cmd(s, c);
            case Step.Entrypoint c -> commands.entrypoint(s, c);
            case Step.Shell c -> commands.shell(s, c);
            case Step.Healthcheck c -> commands.healthcheck(s, c);
            case Step.User c -> config.user(s, c);
            case Step.Expose c -> config.expose(s, c);
            case Step.Volume c -> config.volume(s, c);
            case Step.StopSignal c -> config.stopSignal(s, c);
            case Step.Maintainer c -> config.maintainer(s, c);
            case Step.Onbuild c -> config.onbuild(s, c);
        }
    }

    /** Resolves {@code in} and applies it when it is config-only (true); false for WORKDIR, COPY, ADD and RUN. */
    public boolean apply(StageState s, Instruction in) {
        if (!(steps.resolve(in, s) instanceof Step.Config c)) return false;
        apply(s, c);
        return true;
    }
}
