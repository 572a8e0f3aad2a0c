package dev.kiln.build;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes every key of a stage before it runs, so that all look-ups can go out at once: config-only
 * instructions are executed on a throw-away copy of the stage state (they never touch the filesystem), RUN,
 * COPY and ADD leave the config as it is, WORKDIR only sets the working directory. Keys never depend on what
 * an instruction produced, only on its inputs, so a miss does not stop later keys from chaining.
 */
final class KeyPlanner {
    private final CacheKeys keys;
    private final EnvSteps env;
    private final CommandSteps commands;
    private final ConfigSteps config;
    private final BuildArgs args;

    KeyPlanner(CacheKeys keys, WordExpander words, HistoryClock clock, BuildArgs args) {
        this.keys = keys;
        this.env = new EnvSteps(words, clock);
        this.commands = new CommandSteps(clock);
        this.config = new ConfigSteps(words, clock);
        this.args = args;
    }

    /** The key before each instruction that touches the filesystem, by position (null: not computable). */
    List<Digest> plan(Stage st, StageState real, Digest first) {
        StageState s = new StageState(real.image(), ls -> { throw new IOException("planning only"); },
                ls -> { throw new IOException("planning only"); });
        s.scope().clear();
        s.scope().putAll(real.scope());
        s.declaredArgs().putAll(real.declaredArgs());
        if (real.cmdSet()) s.markCmdSet();
        List<Digest> planned = new ArrayList<>();
        Digest prev = first;
        for (Instruction in : st.instructions()) {
            boolean fs = CacheKeys.touchesFilesystem(in);
            Digest key = null;
            if (prev != null) {
                try {
                    if (fs) {
                        key = keys.before(prev, s, in);
                        prev = key;
                        if (in instanceof Workdir w) s.setContainer(s.container().withWorkingDir(keys.workdir(s, w)));
                    } else {
                        meta(s, in);
                        prev = CacheKeys.afterMeta(prev, s, in);
                    }
                } catch (IOException | RuntimeException e) {
                    prev = null; // the real run reports the error, with its line
                    key = null;
                }
            }
            planned.add(fs ? key : null);
        }
        return planned;
    }

    private void meta(StageState s, Instruction in) {
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
            default -> throw new IllegalArgumentException("unexpected " + in.keyword());
        }
    }
}
