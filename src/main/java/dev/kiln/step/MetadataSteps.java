package dev.kiln.step;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.WordExpander;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;

/**
 * The config-only instructions (no filesystem change): one place that applies them, used by the build loop
 * and by the cache's key planner, which replays them on a throw-away state.
 */
public final class MetadataSteps {
    private final EnvSteps env;
    private final CommandSteps commands;
    private final ConfigSteps config;
    private final BuildArgs args;

    public MetadataSteps(WordExpander words, HistoryClock clock, BuildArgs args) {
        this.env = new EnvSteps(words, clock);
        this.commands = new CommandSteps(clock);
        this.config = new ConfigSteps(words, clock);
        this.args = args;
    }

    /** Applies {@code in} when it is config-only and returns true; returns false for WORKDIR, COPY, ADD, RUN, FROM. */
    public boolean apply(StageState s, Instruction in) {
        switch (in) {
            case Env c -> env.env(s, c);
            case Arg c -> env.arg(s, c, args);
            case Label c -> env.label(s, c);
            case Cmd c -> commands.cmd(s, c);
            case Entrypoint c -> commands.entrypoint(s, c);
            case Shell c -> commands.shell(s, c);
            case Healthcheck c -> commands.healthcheck(s, c);
            case User c -> config.user(s, c);
            case Expose c -> config.expose(s, c);
            case Volume c -> config.volume(s, c);
            case StopSignal c -> config.stopSignal(s, c);
            case Maintainer c -> config.maintainer(s, c);
            case Onbuild c -> config.onbuild(s, c);
            case Workdir _, Copy _, Add _, Run _, From _ -> {
                return false;
            }
        }
        return true;
    }
}
