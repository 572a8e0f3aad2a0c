package dev.kiln.cache;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.OnBuildTriggers;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;
import dev.kiln.step.Steps;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes every key of a stage before it runs, so that all look-ups can go out at once: each instruction (the
 * inherited ONBUILD triggers first, as the build runs them) is resolved into its {@link Step} by the same
 * {@link Steps} the build uses, config-only steps are applied to a throw-away copy of the stage state (they never
 * touch the filesystem), RUN, COPY and ADD leave the config as it is, WORKDIR only sets the working directory. Keys
 * never depend on what a step produced, only on its inputs, so a miss does not stop later keys from chaining.
 * <p>
 * An invalid instruction fails the build here, naming its line, before anything runs (as BuildKit, which resolves
 * the whole stage before solving it). A key that cannot be computed (a source that cannot be read) is a warning
 * naming the line; the chain of planned keys stops there and the build reports the real error when it gets there.
 */
public final class KeyPlanner {
    private final CacheKeys keys;
    private final Steps steps;
    private final MetadataSteps metadata;
    private final EventSink events;

    KeyPlanner(CacheKeys keys, WordExpander words, HistoryClock clock, BuildArgs args, EventSink events) {
        this.keys = keys;
        this.events = events == null ? EventSink.NONE : events;
        this.steps = new Steps(words, args);
        this.metadata = new MetadataSteps(words, clock, args);
    }

    /** The key before each step that touches the filesystem, by position (null: config-only or not computable). */
    List<Digest> plan(Stage st, StageState real, Digest first) {
        StageState s = new StageState(real.image(), ls -> { throw new IOException("planning only"); },
                ls -> { throw new IOException("planning only"); });
        s.scope().clear();
        s.scope().putAll(real.scope());
        s.declaredArgs().putAll(real.declaredArgs());
        if (real.cmdSet()) s.markCmdSet();
        List<Instruction> all = new ArrayList<>(OnBuildTriggers.parse(real.inheritedTriggers(), st.from().image()));
        all.addAll(st.instructions());
        List<Digest> planned = new ArrayList<>();
        Digest prev = first;
        for (Instruction in : all) {
            Digest key = null;
            if (prev != null) {
                Step step = steps.resolve(in, s); // a BuildException names the line and fails the build
                if (step instanceof Step.Config c) {
                    metadata.apply(s, c);
                    prev = CacheKeys.afterMeta(prev, s, c);
                } else {
                    key = key(prev, step);
                    prev = key;
                    if (step instanceof Step.Workdir w) s.setContainer(s.container().withWorkingDir(w.path()));
                }
            }
            planned.add(key);
        }
        return planned;
    }

    private Digest key(Digest prev, Step step) {
        try {
            return keys.before(prev, step);
        } catch (BuildException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the real run reports the error with its line; here the chain of planned keys stops, said once
            events.emit(Event.warn("cache", step.location().where() + ": cannot plan the cache key of "
                    + step.source().keyword() + " (" + e.getMessage() + "); later look-ups of this stage wait for the build to get there"));
            return null;
        }
    }
}
