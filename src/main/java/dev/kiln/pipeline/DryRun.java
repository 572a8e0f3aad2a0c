package dev.kiln.pipeline;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.GlobalArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.EnvSteps;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.ProxyArgs;
import dev.kiln.step.StageState;
import dev.kiln.step.UnusedBuildArgs;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.instructions.Workdir;
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
 * {@code kiln build --dryrun}: resolves global ARGs, the target and the stages it needs, and describes each
 * stage's base and instructions with their words expanded as they would be at dispatch — without pulling or
 * building anything. Registry base images are not fetched, so their ENV is not in the plan's scope.
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
        EnvSteps env = new EnvSteps(words, new HistoryClock(Instant.EPOCH));
        PlanRenderer renderer = new PlanRenderer(words);

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
                out.add("  " + in.location().where() + "  " + step(in, s, env, args, renderer));
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

    /** Applies ENV/ARG/LABEL/WORKDIR to the simulated scope and renders the instruction. */
    private String step(Instruction in, StageState s, EnvSteps env, BuildArgs args, PlanRenderer renderer) {
        try {
            switch (in) {
                case Env c -> env.env(s, c);
                case Arg c -> env.arg(s, c, args);
                case Label c -> env.label(s, c);
                case From _, Copy _, Add _, Workdir _, User _, Expose _, Cmd _, Entrypoint _, Volume _, StopSignal _, Healthcheck _, Shell _, Maintainer _, Run _, Onbuild _ -> {
                    String text = renderer.render(in, s.scope());
                    if (in instanceof Workdir w) s.setContainer(s.container().withWorkingDir(words.expand(w.path(), s.scope())));
                    return text;
                }
            }
            return s.config().history().getLast().createdBy();
        } catch (IllegalArgumentException e) {
            throw BuildException.at(in.location(), e.getMessage(), e);
        }
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
