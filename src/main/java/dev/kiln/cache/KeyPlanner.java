package dev.kiln.cache;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.StageState;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes every key of a stage before it runs, so that all look-ups can go out at once: config-only
 * instructions are executed on a throw-away copy of the stage state (they never touch the filesystem), RUN,
 * COPY and ADD leave the config as it is, WORKDIR only sets the working directory. Keys never depend on what
 * an instruction produced, only on its inputs, so a miss does not stop later keys from chaining. An instruction
 * whose key cannot be planned is reported as a warning (never silently dropped).
 */
public final class KeyPlanner {
    private final CacheKeys keys;
    private final MetadataSteps metadata;
    private final BuildArgs args;
    private final EventSink events;

    KeyPlanner(CacheKeys keys, WordExpander words, HistoryClock clock, BuildArgs args, EventSink events) {
        this.keys = keys;
        this.args = args;
        this.events = events == null ? EventSink.NONE : events;
        this.metadata = new MetadataSteps(words, clock, args);
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
                    // the real run reports the error with its line; here the chain of planned keys stops, said once
                    events.emit(Event.warn("cache", in.location().where() + ": cannot plan the cache key of " + in.keyword()
                            + " (" + e.getMessage() + "); later look-ups of this stage wait for the build to get there"));
                    prev = null;
                    key = null;
                }
            }
            planned.add(fs ? key : null);
        }
        return planned;
    }

    private void meta(StageState s, Instruction in) {
        if (!metadata.apply(s, in)) throw new IllegalArgumentException("unexpected " + in.keyword());
    }
}
