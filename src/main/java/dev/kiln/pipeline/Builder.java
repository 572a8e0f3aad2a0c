package dev.kiln.pipeline;

import dev.kiln.cache.BuildCache;
import dev.kiln.cache.CachedSteps;
import dev.kiln.plan.BaseImage;
import dev.kiln.plan.BaseImageResolver;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.GlobalArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.rootfs.CachedLayer;
import dev.kiln.rootfs.LayerFactory;
import dev.kiln.rootfs.StageRootfs;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.ProxyArgs;
import dev.kiln.step.RunOptions;
import dev.kiln.step.SourceTree;
import dev.kiln.step.StageState;
import dev.kiln.step.UnusedBuildArgs;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerIndexer;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.fs.TreeIndex;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build loop: resolve global ARGs, plan the stages the target needs, start each from its base
 * (scratch, an earlier stage or a registry image), run its instructions, and finish the target's image.
 */
public final class Builder {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Everything a build needs besides the Dockerfile; immutable.
     * @param targets     {@code --target} stages, all built; the last is the output image ({@code target}); empty = last stage
     * @param compression {@code --compression}/{@code --compression-level} of the layers the build writes (null = default gzip)
     */
    public record Options(Map<String, String> buildArgs, Map<String, String> labels, Platform platform,
                          String target, boolean reproducible, Path workDir, RunOptions run, List<String> targets,
                          LayerCompression compression) {
        public Options(Map<String, String> buildArgs, Map<String, String> labels, Platform platform,
                       String target, boolean reproducible, Path workDir, RunOptions run, List<String> targets) {
            this(buildArgs, labels, platform, target, reproducible, workDir, run, targets, null);
        }

        public Options(Map<String, String> buildArgs, Map<String, String> labels, Platform platform,
                       String target, boolean reproducible, Path workDir, RunOptions run) {
            this(buildArgs, labels, platform, target, reproducible, workDir, run, null);
        }

        public Options {
            targets = targets == null || targets.isEmpty() ? (target == null || target.isEmpty() ? List.of() : List.of(target)) : List.copyOf(targets);
            target = targets.isEmpty() ? null : targets.getLast();
            buildArgs = Map.copyOf(buildArgs);
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            run = run == null ? RunOptions.unsupported() : run;
            compression = compression == null ? LayerCompression.DEFAULT : compression;
        }
    }

    private final Options opts;
    private final WordExpander words;
    private final SourceTree context;
    private final BaseImageResolver bases;
    private final EventSink events;
    private final BuildCache cache;
    private final BuildPipeline pipeline;
    private Map<dev.kiln.image.Digest, CachedLayer> downloads = new java.util.concurrent.ConcurrentHashMap<>();
    private StageListener stageListener = StageListener.NONE;

    public Builder(Options opts, WordExpander words, SourceTree context, BaseImageResolver bases, EventSink events) {
        this(opts, words, context, bases, events, BuildCache.none());
    }

    /** A build using a layer cache ({@code --cache}); the caller closes {@code cache} after the outputs. */
    public Builder(Options opts, WordExpander words, SourceTree context, BaseImageResolver bases, EventSink events,
                   BuildCache cache) {
        this(opts, words, context, bases, events, cache, BuildPipeline.serial());
    }

    /** A build overlapping its work as {@code pipeline} says; the caller closes its deleter after the outputs. */
    public Builder(Options opts, WordExpander words, SourceTree context, BaseImageResolver bases, EventSink events,
                   BuildCache cache, BuildPipeline pipeline) {
        this.pipeline = pipeline;
        this.cache = cache;
        this.opts = opts;
        this.words = words;
        this.context = context;
        this.bases = bases;
        this.events = events;
    }

    /** Tells {@code l} of each stage built by {@link #build} (for scanning intermediate stages); returns this builder. */
    public Builder onStageBuilt(StageListener l) {
        this.stageListener = l;
        return this;
    }

    /**
     * Shares base-layer downloads with the other builds of one run (the platforms of a multi-platform build: a
     * {@code FROM --platform=$BUILDPLATFORM} base is downloaded once); {@code shared} must be thread-safe and its
     * files outlive every build using it. Returns this builder.
     */
    public Builder sharingDownloads(Map<dev.kiln.image.Digest, CachedLayer> shared) {
        this.downloads = shared;
        return this;
    }

    public Image build(Dockerfile df) throws IOException {
        Instant buildTime = opts.reproducible() ? Instant.EPOCH : Instant.now();
        HistoryClock clock = new HistoryClock(buildTime);
        Map<String, String> globals = GlobalArgs.resolve(df.metaArgs(), opts.buildArgs(), opts.platform(), words);
        BuildArgs args = new BuildArgs(opts.buildArgs(), globals);
        java.util.function.UnaryOperator<String> expandFrom = ref -> words.expand(ref, globals);
        BuildPlan plan = BuildPlan.of(df, opts.targets(), st -> expandBase(st, globals), expandFrom);
        UnusedBuildArgs.warning(df, plan.stages(), opts.buildArgs()).ifPresent(events::emit);
        dev.kiln.fs.ProcessOwner owner = dev.kiln.fs.ProcessOwner.current();
        events.emit(Event.debug("owners", owner.describe()));
        events.emit(Event.debug("digest", dev.kiln.fs.nativeio.NativeDigests.active()
                ? "SHA-256: OpenSSL's libcrypto" : "SHA-256: the JDK's (no libcrypto found)"));
        dev.kiln.step.NonRootRuns.check(plan.stages(), owner);
        LayerFactory layers = new LayerFactory(opts.workDir(), opts.reproducible(), buildTime, opts.compression(), pipeline.deleter(), owner);
        java.util.Set<Integer> output = outputChain(df, plan, globals);
        PrefetchedBases bases = prefetch(df, plan, globals);
        StageScheduler scheduler = new StageScheduler(plan.stages(), plan.dependents(), pipeline.parallelStages());
        BuiltStages done = new BuiltStages(df, plan, layers, bases, this::cached, opts.platform(), expandFrom, events,
                scheduler::awaitBuilt);
        CachedSteps cached = cache.forBuild(words, context, clock, args, opts.workDir());
        cached.prepare(plan.stages());
        StageBuilder shared = scheduler.concurrent() ? null : new StageBuilder(words, clock, layers, context, args, opts.run(), events, done);
        try {
            pipeline.finalLayers().ready(); // a refused push permission fails the build before any stage starts
            scheduler.run(st -> {
                pipeline.finalLayers().check();
                StageState state = start(df, st, globals, done, layers, bases);
                if (output.contains(st.index())) state.sendFinalLayers(pipeline.finalLayers());
                ProxyArgs.seed(state, opts.buildArgs());
                // concurrent stages: each its own steps (RUN keeps its sandbox), RUN output lines carry the stage
                StageBuilder b = shared != null ? shared : new StageBuilder(words, clock, layers, context, args, opts.run(),
                        StageEvents.labelled(events, st), done);
                b.build(st, state, cached.begin(df, st, state, expandBase(st, globals)));
                state.flushRuns();
                done.done(st, state);
                stageListener.built(st, state.image());
            });
            return finish(done.result(plan.target().index()).image(), buildTime);
        } finally {
            done.close();
        }
    }

    /** The target stage and the stages it starts FROM, transitively: their layers are the output image's. */
    private java.util.Set<Integer> outputChain(Dockerfile df, BuildPlan plan, Map<String, String> globals) {
        java.util.Set<Integer> chain = new java.util.HashSet<>();
        for (Stage st = plan.target(); st != null; st = BuildPlan.stageNamed(df, expandBase(st, globals), st.index())) {
            chain.add(st.index());
        }
        return chain;
    }

    private String expandBase(Stage st, Map<String, String> globals) {
        String name;
        try {
            name = words.expand(st.from().image(), globals);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(st.from().location(), e.getMessage(), e);
        }
        if (name.isBlank()) throw BuildException.at(st.from().location(), "base name (" + st.from().image() + ") should not be blank");
        return name;
    }

    /** Starts resolving every planned stage's registry base now (manifest and config), concurrently. */
    private PrefetchedBases prefetch(Dockerfile df, BuildPlan plan, Map<String, String> globals) {
        PrefetchedBases prefetched = new PrefetchedBases(bases);
        for (Stage st : plan.stages()) {
            try {
                String name = expandBase(st, globals);
                if (name.equalsIgnoreCase("scratch") || BuildPlan.stageNamed(df, name, st.index()) != null) continue;
                prefetched.prefetch(name, platformOf(st, globals));
            } catch (RuntimeException e) {
                // a bad FROM fails with its location when the stage starts
            }
        }
        return prefetched;
    }

    private Platform platformOf(Stage st, Map<String, String> globals) {
        if (st.from().platform() == null) return opts.platform();
        String p = words.expand(st.from().platform(), globals);
        try {
            return Platform.parse(p);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(st.from().location(), "failed to parse platform " + p + ": " + e.getMessage());
        }
    }

    private StageState start(Dockerfile df, Stage st, Map<String, String> globals, BuiltStages done,
                             LayerFactory layers, BaseImageResolver bases) throws IOException {
        RunOptions run = opts.run();
        StageState.RootfsLoader rootfs = ls -> (run.inPlace() != null ? run.inPlace().materialize(ls, events)
                : StageRootfs.materialize(layers.scratchDir("rootfs"), ls, run.ignorePaths(), events, layers.newOwnershipMap()))
                .singleSnapshot(run.singleSnapshot());
        String baseName = expandBase(st, globals);
        Platform platform = platformOf(st, globals);
        Stage parent = BuildPlan.stageNamed(df, baseName, st.index());
        if (parent != null) {
            StageResult r = done.result(parent.index());
            TreeIndex tree = r.tree();
            int parentLayers = r.image().layers().size();
            StageState.TreeLoader loader = tree == null ? Builder::indexLayers : ls -> {
                TreeIndex t = tree.copy();
                for (var l : ls.subList(parentLayers, ls.size())) LayerIndexer.apply(t, l);
                return t;
            };
            StageState s = new StageState(inherit(r.image(), st), loader, rootfs);
            s.setInheritedTriggers(r.image().config().config().onBuild());
            return s;
        }
        if (baseName.equalsIgnoreCase("scratch")) {
            Image scratch = new Image(ManifestFormat.OCI, ImageConfig.scratch(platform), List.of());
            return new StageState(inherit(scratch, st), Builder::indexLayers, rootfs);
        }
        events.emit(Event.info("from", "resolving base image " + baseName + " for " + platform));
        BaseImage base;
        try {
            base = bases.resolve(baseName, platform);
        } catch (IOException | RuntimeException e) {
            throw BuildException.at(st.from().location(), "failed to resolve base image " + baseName + ": " + e.getMessage(), e);
        }
        Image img = cached(base);
        warnOnOtherPlatform(st, baseName, platform, img.config());
        StageState s = new StageState(inherit(img, st), Builder::indexLayers, rootfs);
        s.setInheritedTriggers(img.config().config().onBuild());
        return s;
    }

    /**
     * BuildKit's InvalidBaseImagePlatform check: a base that is one manifest (no index) serves every platform, so a
     * base made for another platform is used as it is, with a warning naming both.
     */
    private void warnOnOtherPlatform(Stage st, String baseName, Platform wanted, ImageConfig config) {
        if (config.os() == null || config.architecture() == null) return;
        Platform got = Platform.normalize(config.os(), config.architecture(), config.variant());
        if (wanted.matches(got) || got.matches(wanted)) return;
        events.emit(Event.warn("from", st.from().location().where() + ": base image " + baseName + " is for " + got
                + ", not " + wanted + " (it has no image index to choose from); its programs may not run"));
    }

    /** The tree index of an image's layers, read while they download (all at once). */
    private static TreeIndex indexLayers(List<dev.kiln.image.Layer> layers) throws IOException {
        CachedLayer.startAll(layers);
        return LayerIndexer.index(layers);
    }

    /** Base layers wrapped so that each is downloaded at most once, however often the build reads it. */
    private Image cached(BaseImage base) {
        Image img = base.image();
        List<dev.kiln.image.Layer> ls = new ArrayList<>();
        for (int i = 0; i < img.layers().size(); i++) {
            dev.kiln.image.Layer l = img.layers().get(i);
            // one download per digest, however many stages use the base (they share the file in the work dir)
            String what = "image " + base.name() + ", layer " + i + " of " + img.layers().size() + " (blob " + l.descriptor().digest() + ")";
            ls.add(downloads.computeIfAbsent(l.descriptor().digest(), d -> new CachedLayer(l, opts.workDir(), what)));
        }
        return new Image(img.format(), img.config(), ls);
    }

    /** A stage's starting image: the base config minus created time and ONBUILD triggers, PATH always set. */
    private static Image inherit(Image base, Stage st) {
        ImageConfig c = base.config().withCreated(null);
        ContainerConfig cc = c.config().withOnBuild(null);
        if (!cc.envMap().containsKey("PATH")) {
            List<String> env = new ArrayList<>(cc.env() == null ? List.of() : cc.env());
            env.add(DEFAULT_PATH);
            cc = cc.withEnv(env);
        }
        return base.withConfig(c.withConfig(cc));
    }

    /** --label values, the creation time, and (reproducible) zeroed history times. */
    private Image finish(Image img, Instant buildTime) {
        ImageConfig c = img.config();
        if (!opts.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (c.config().labels() != null) labels.putAll(c.config().labels());
            labels.putAll(opts.labels());
            c = c.withConfig(c.config().withLabels(labels));
        }
        String created = buildTime.toString();
        if (opts.reproducible()) {
            List<History> h = c.history().stream()
                    .map(e -> new History(created, e.createdBy(), e.author(), e.comment(), e.emptyLayer()))
                    .toList();
            c = c.withHistory(h);
        }
        return img.withConfig(c.withCreated(created));
    }
}
