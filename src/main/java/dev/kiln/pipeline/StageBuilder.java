package dev.kiln.pipeline;

import dev.kiln.cache.StageCache;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.OnBuildTriggers;
import dev.kiln.plan.WordExpander;
import dev.kiln.rootfs.LayerFactory;
import dev.kiln.step.CopyStep;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.RunOptions;
import dev.kiln.step.RunStep;
import dev.kiln.step.SourceTree;
import dev.kiln.step.StageSources;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;
import dev.kiln.step.Steps;
import dev.kiln.step.WorkdirStep;

import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;

/**
 * Runs one stage's instructions in order on a {@link StageState}: each is resolved once into a {@link Step}
 * ({@link Steps}), which the cache hashes (a hit replays it) and which is otherwise executed (one exhaustive switch).
 */
public final class StageBuilder {
    private final Steps steps;
    private final MetadataSteps metadata;
    private final WorkdirStep workdir;
    private final CopyStep copy;
    private final RunStep run;
    private final BuildArgs args;
    private final EventSink events;

    StageBuilder(WordExpander words, HistoryClock clock, LayerFactory layers, SourceTree context, BuildArgs args,
                 RunOptions runOptions, EventSink events) {
        this(words, clock, layers, context, args, runOptions, events, StageSources.NONE);
    }

    StageBuilder(WordExpander words, HistoryClock clock, LayerFactory layers, SourceTree context, BuildArgs args,
                 RunOptions runOptions, EventSink events, StageSources stages) {
        this.run = new RunStep(clock, layers, runOptions, events, context, stages);
        this.steps = new Steps(words, args);
        this.metadata = new MetadataSteps(words, clock, args);
        this.workdir = new WorkdirStep(clock, layers);
        this.copy = new CopyStep(clock, layers, context, stages);
        this.args = args;
        this.events = events;
    }

    void build(Stage stage, StageState s) {
        build(stage, s, StageCache.NONE);
    }

    void build(Stage stage, StageState s, StageCache cache) {
        s.setStageIndex(stage.index());
        java.util.List<Instruction> all = new java.util.ArrayList<>(OnBuildTriggers.parse(s.inheritedTriggers(), stage.from().image()));
        all.addAll(stage.instructions());
        int n = all.size();
        int i = 0;
        int lastRun = rootfsFilledUntil(all, cache);
        for (Instruction in : all) {
            s.setRootfsAhead(i < lastRun);
            i++;
            String text = in.location().original().strip();
            events.emit(new Event.StepStarted(stageLabel(stage), i, n, text));
            long t0 = System.nanoTime();
            try {
                boolean cached = step(in, s, cache);
                events.emit(new Event.StepFinished(stageLabel(stage), i, n, text, java.time.Duration.ofNanos(System.nanoTime() - t0), cached));
            } catch (RuntimeException | Error e) { // every started step ends: finished above, or failed here
                events.emit(new Event.StepFailed(stageLabel(stage), i, n, text, java.time.Duration.ofNanos(System.nanoTime() - t0), String.valueOf(e.getMessage())));
                throw e;
            }
        }
        cache.finish(stageLabel(stage), s);
    }

    /** Resolves and runs one instruction, or replays it from the layer cache: true if it was a cache hit. */
    private boolean step(Instruction in, StageState s, StageCache cache) {
        try {
            Step step = steps.resolve(in, s);
            boolean cached = cache.replay(s, step);
            if (!cached) {
                var before = s.image();
                execute(s, step);
                cache.executed(s, step, before);
            }
            return cached;
        } catch (IOException e) {
            throw BuildException.at(in.location(), in.keyword() + " failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(in.location(), e.getMessage(), e);
        }
    }

    /**
     * A COPY/ADD that a RUN follows fills the rootfs as it writes its layer (so the RUN finds it there), unless the
     * RUNs may be cache hits (a warm cache may never need the rootfs): the index of the last RUN, or -1.
     */
    private static int rootfsFilledUntil(java.util.List<Instruction> all, StageCache cache) {
        int lastRun = -1;
        boolean copyBefore = false;
        for (int k = 0; k < all.size(); k++) {
            Instruction in = all.get(k);
            if (in instanceof Run) {
                if (copyBefore) lastRun = k;
            } else if (in instanceof Copy || in instanceof Add) {
                copyBefore = true;
            }
        }
        try {
            return lastRun >= 0 && !cache.mayReplayRuns() ? lastRun : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static String stageLabel(Stage st) {
        return st.name() != null ? st.name() : "stage-" + st.index();
    }

    private void execute(StageState s, Step step) throws IOException {
        switch (step) {
            case Step.Workdir c -> workdir.run(s, c);
            case Step.Copy c -> copy.run(s, c);
            case Step.Run c -> run.run(s, c);
            case Step.Config c -> metadata.apply(s, c);
        }
    }
}
