package dev.kiln.pipeline;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.GlobalArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.ProxyArgs;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;
import dev.kiln.step.Steps;
import dev.kiln.step.UnusedBuildArgs;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.EventSink;
import dev.kiln.fs.TreeIndex;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kiln build --dryrun}: resolves global ARGs, the target and the stages it needs, and prints each stage's
 * base and the {@link Step}s its instructions resolve to (by the same {@link Steps} as the build; config-only steps
 * applied to a simulated stage state) — without pulling or building anything. Registry base images are not fetched, so their ENV is not in the plan's scope.
 */
public final class DryRun {
    private final Builder.Options opts;
    private final WordExpander words;
    private final EventSink events;

    public DryRun(Builder.Options opts, WordExpander words, EventSink events) {
        this.opts = opts;
        this.words = words;
        this.events = events;
    }

    /** The plan as text lines (the CLI prints them). */
    public List<String> plan(Dockerfile df) {
        Map<String, String> globals = GlobalArgs.resolve(df.metaArgs(), opts.buildArgs(), opts.platform(), words);
        BuildPlan plan = BuildPlan.of(df, opts.targets(), st -> base(st, globals), java.util.function.UnaryOperator.identity());
        UnusedBuildArgs.warning(df, plan.stages(), opts.buildArgs()).ifPresent(events::emit);
        BuildArgs args = new BuildArgs(opts.buildArgs(), globals);
        Steps steps = new Steps(words, args);
        MetadataSteps metadata = new MetadataSteps(words, new HistoryClock(Instant.EPOCH), args);

        List<String> out = new ArrayList<>();
        out.add("# kiln build plan (dry run: nothing pulled, built or pushed)");
        out.add("target: stage " + label(plan.target()) + ", platform " + opts.platform());
        List<String> meta = new ArrayList<>();
        for (Arg a : df.metaArgs()) for (ArgDef d : a.args()) meta.add(d.name() + (globals.containsKey(d.name()) ? "=" + shown(d.name(), globals) : ""));
        if (!meta.isEmpty()) out.add("global args: " + String.join(" ", meta));
        Map<Integer, StageState> done = new HashMap<>();
        for (Stage st : df.stages()) {
            if (!plan.stages().contains(st)) {
                out.add("stage " + label(st) + ": skipped (not needed for the target)");
                continue;
            }
            StageState s = start(df, st, globals, done, out);
            ProxyArgs.seed(s, opts.buildArgs());
            for (Instruction in : st.instructions()) {
                Step step = steps.resolve(in, s);
                out.add("  " + in.location().where() + "  " + PlanRenderer.render(step));
                if (step instanceof Step.Config c) metadata.apply(s, c);
                if (step instanceof Step.Workdir w) s.setContainer(s.container().withWorkingDir(w.path()));
            }
            done.put(st.index(), s);
        }
        return out;
    }

    private StageState start(Dockerfile df, Stage st, Map<String, String> globals, Map<Integer, StageState> done, List<String> out) {
        String base = base(st, globals);
        String platform = st.from().platform() == null ? "" : " --platform=" + expand(st.from(), st.from().platform(), globals);
        Stage parent = BuildPlan.stageNamed(df, base, st.index());
        String kind;
        Image image;
        if (parent != null) {
            kind = "stage " + label(parent);
            image = done.get(parent.index()).image();
        } else {
            kind = base.equalsIgnoreCase("scratch") ? "empty image" : "registry image, not pulled: its ENV is not shown";
            ImageConfig c = ImageConfig.scratch(opts.platform());
            image = new Image(ManifestFormat.OCI, c.withConfig(c.config().withEnv(List.of(Builder.DEFAULT_PATH))), List.of());
        }
        out.add("stage " + label(st) + ": FROM" + platform + " " + base + " (" + kind + ")");
        return new StageState(image, ls -> new TreeIndex(), ls -> { throw new java.io.IOException("a dry run has no rootfs"); });
    }

    private String base(Stage st, Map<String, String> globals) {
        String name = expand(st.from(), st.from().image(), globals);
        if (name.isBlank()) throw BuildException.at(st.from().location(), "base name (" + st.from().image() + ") should not be blank");
        return name;
    }

    private String expand(Instruction in, String word, Map<String, String> scope) {
        try {
            return words.expand(word, scope);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(in.location(), e.getMessage(), e);
        }
    }

    private static String shown(String name, Map<String, String> values) {
        return ProxyArgs.isProxy(name) ? "(set)" : values.get(name);
    }

    private static String label(Stage st) {
        return st.index() + (st.name() == null ? "" : " \"" + st.name() + "\"");
    }
}
