package dev.kiln.cli;

import dev.kiln.attest.AttestSpec;
import dev.kiln.pipeline.BuildPipeline;
import dev.kiln.pipeline.Builder;
import dev.kiln.step.FinalLayers;
import dev.kiln.fs.DiskFull;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.registry.PushGate;
import dev.kiln.registry.PushSession;
import dev.kiln.pipeline.DryRun;
import dev.kiln.output.Outputs;
import dev.kiln.plan.RegistryBaseImages;
import dev.kiln.rootfs.InPlaceRoot;
import dev.kiln.rootfs.KilnFiles;
import dev.kiln.step.RunOptions;
import dev.kiln.run.InPlaceIgnoreList;
import dev.kiln.run.SpawnHelper;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.ContainerDetector;
import dev.kiln.run.HostTools;
import dev.kiln.run.Isolation;
import dev.kiln.run.SandboxFactory;
import dev.kiln.run.SubIds;
import dev.kiln.run.UserNamespaces;
import dev.kiln.plan.ShellWords;
import dev.kiln.step.SourceTree;
import dev.kiln.step.ContextSources;
import dev.kiln.context.source.ContextResolver;
import dev.kiln.context.source.ResolvedContext;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.SecretNames;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.BuildTally;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.registry.DockerConfig;
import dev.kiln.registry.RegistryImages;
import dev.kiln.request.BuildRequest;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * Composition root of {@code kiln build}: turns the flags into a {@link BuildRequest} ({@link BuildRequests}), wires
 * the parts from it, runs the build.
 */
final class BuildRunner {
    private final BuildCommand f;
    private final CommandLine cl;
    private final Path workRoot;
    private final java.time.Instant started = java.time.Instant.now();

    BuildRunner(BuildCommand flags, CommandLine cl) {
        this.f = flags;
        this.cl = cl;
        this.workRoot = WorkDir.root(flags.kanikoDir, System.getenv(), System.getProperty("java.io.tmpdir"));
    }

    int run() throws IOException {
        // the live display ends (its last lines, a failed step's output) before an error is printed
        try (Console console = f.dryRun ? f.log.sink(f.verbosity, System.err) : f.log.console(f.verbosity, System.err, System.getenv())) {
            return run(new BuildTally(console));
        }
    }

    private int run(BuildTally events) throws IOException {
        f.kaniko.warnings().forEach(w -> events.emit(Event.warn("flags", w)));
        BuildRequest req = BuildRequests.from(f, cl, System.getenv(), home(System.getenv()));
        if (req.dryRun()) return dryRun(req, events);
        AttestSpec attest = f.attest.spec(cl, System.getenv());
        try (RegistryImages registry = new RegistryImages(req.registry(), DockerConfig.load(req.dockerConfig()), events)) {
            return run(req, events, registry, attest);
        }
    }

    private int run(BuildRequest req, BuildTally events, RegistryImages registry, AttestSpec attest) throws IOException {
        Outputs.Spec spec = req.outputs();
        boolean push = spec.push() && !spec.destinations().isEmpty();
        // the permission check runs while the context is prepared and bases resolve; nothing is pushed before it passed
        PushGate gate = push && !req.skipPushCheck() ? registry.checkPushPermissionsInBackground(spec.destinations()) : PushGate.OPEN;
        // closed in reverse: a failed build's blob pushes stop first; then what is left to delete (scratch dirs, work dir) goes to a detached process
        try (TreeDeleter deleter = TreeDeleter.detaching()) {
            Path work = WorkDir.create(workRoot, events, deleter);
            try (ResolvedContext resolved = resolveContext(req, events, work);
                 PushSession session = push ? registry.pushSession(spec.destinations(), gate) : null) {
                FinalLayers early = session == null ? FinalLayers.NONE : dev.kiln.output.PushedLayers.of(session, gate);
                return build(req, events, resolved.root(), resolved.dockerfile(), registry, session, early, deleter, work, attest);
            } catch (IOException | RuntimeException e) {
                Throwable t = DiskFull.inWorkDir(e, work);
                if (t instanceof IOException io) throw io;
                throw (RuntimeException) t;
            } finally {
                // after the outputs and the context (layer files are read until the push is done); the deleter closes
                // next: starting to delete it now would only be stopped and handed on (4 rm processes started for nothing)
                deleter.deleteAtClose(work);
            }
        }
    }

    private int build(BuildRequest req, BuildTally events, Path context, Path dockerfile, RegistryImages registry,
                      PushSession session, FinalLayers early, TreeDeleter deleter, Path work, AttestSpec attest) throws IOException {
        String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        Dockerfile df = DockerfileParser.parse(text, req.context().dockerfile());
        checks(df, events);
        char escape = df.escapeToken();

        Outputs.Spec spec = req.outputs();
        SourceTree sources = ContextSources.open(context, dockerfile);
        RunOptions run = stageRunOptions(req.run(), runOptions(req.run(), df, events, inPlaceKeeps(req, work, context, dockerfile), work));
        if (req.multiPlatform()) {
            for (var p : req.platforms()) {
                EmulationCheck.require(df, builderOptions(req, p, work, run), ShellWords.forEscape(escape), dev.kiln.run.Emulation.system());
            }
            if (attest.any()) throw new CommandLine.ParameterException(cl, "--sbom/--provenance/--sign-key are not supported with several platforms yet");
            Digest index = new PlatformBuilds(req, registry, events, ShellWords.forEscape(escape), sources, run,
                    f.kaniko.annotations(cl)).build(df, session, early, deleter, work);
            if (req.run().cleanup() && run.inPlace() != null) run.inPlace().cleanup(events);
            events.emit(events.finished(java.time.Duration.between(started, java.time.Instant.now()), index.toString()));
            return 0;
        }
        Builder.Options opts = builderOptions(req, req.platform(), work, run);
        EmulationCheck.require(df, opts, ShellWords.forEscape(escape), dev.kiln.run.Emulation.system());
        // layer cache (--cache ...) and base-image cache (--cache-dir); cache writes finish before work is deleted
        CacheSetup caching = CacheSetup.of(req.cache(), req.run().singleSnapshot(), registry, req.platform(), new RegistryBaseImages(registry), events);
        RecordingBases bases = new RecordingBases(caching.bases()); // base digests for provenance (issue 15)
        Digest digest;
        BuildPipeline pipeline = new BuildPipeline(deleter, early, run.inPlace() != null ? 1 : req.jobs());
        try (var cache = caching.cache()) {
            StageImages stages = StageImages.of(attest, df, req); // BUILDKIT_SBOM_SCAN_STAGE
            Image image = new Builder(opts, ShellWords.forEscape(escape), sources, bases, events, cache, pipeline)
                    .onStageBuilt(stages.listener()).build(df)
                    .withAnnotations(f.kaniko.annotations(cl));
            digest = new Outputs(registry, events).write(image, spec, session);
            new AttestRun(attest, req, started, bases).after(image, stages.images(), df, text, context, registry, events);
        }
        if (req.run().cleanup() && run.inPlace() != null) run.inPlace().cleanup(events);
        events.emit(events.finished(java.time.Duration.between(started, java.time.Instant.now()), digest.toString()));
        return 0;
    }

    static Builder.Options builderOptions(BuildRequest req, dev.kiln.image.Platform platform, Path work, RunOptions run) {
        return new Builder.Options(req.buildArgs(), req.labels(), platform, null, req.reproducible(), work, run, req.targets(),
                req.compression());
    }

    private RunOptions runOptions(BuildRequest.Run r, Dockerfile df, EventSink events, List<Path> buildFiles, Path work) throws IOException {
        ContainerDetector detector = ContainerDetector.system(System.getenv());
        Isolation picked = new SandboxFactory(events, HostTools.standard(), detector, r.force()).choose(r.isolation());
        dev.kiln.fs.ProcessOwner owner = dev.kiln.fs.ProcessOwner.current();
        boolean inPlaceChosen = picked == Isolation.IN_PLACE;
        if (!owner.root()) { // issue 17: never in place; RUN runs in a user namespace, probed when the first RUN needs it
            NonRootIsolation nonRoot = new NonRootIsolation(owner);
            try {
                inPlaceChosen = nonRoot.inPlace(r.isolation(), df);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            events.emit(Event.debug("isolation", nonRoot.report(df, r.isolation(), picked)));
        }
        InPlaceRoot inPlace = inPlaceChosen ? inPlaceRoot(r, detector, buildFiles, events) : null;
        Path kilnDir = r.kilnDir();
        // in place, / becomes the image: host tools (setpriv, setsid) come from kiln's own bin/ first
        HostTools tools = inPlace != null && kilnDir != null ? HostTools.of(kilnDir.resolve("bin").toString()) : HostTools.standard();
        SandboxFactory factory = new SandboxFactory(events, tools, detector, r.force(), work);
        RunOptions.SandboxSupplier sandbox = owner.root() ? () -> factory.create(r.isolation())
                : () -> factory.inUserNamespace(UserNamespaces.choose(tools, SubIds.STANDARD, owner.uid())).create(r.isolation());
        return new RunOptions(sandbox, r.snapshotMode(), r.snapshotIgnores()).withInPlace(inPlace, r.singleSnapshot());
    }

    /** --isolation in-place: the ignore list (kiln's files, mounts, build files, --ignore-path) and the guard, checked now. */
    private InPlaceRoot inPlaceRoot(BuildRequest.Run r, ContainerDetector detector, List<Path> buildFiles, EventSink events)
            throws IOException {
        SnapshotMode mode = r.snapshotMode();
        if (mode != null && mode.strategy() == SnapshotMode.Strategy.OVERLAY) {
            throw new CommandLine.ParameterException(cl, "--snapshot-mode overlay needs a separate rootfs; in-place builds walk / (walk, redo, full or time)");
        }
        List<Path> keep = new ArrayList<>(buildFiles);
        for (String p : r.ignorePaths()) keep.add(Path.of(p));
        keep.addAll(KilnFiles.runtime(System.getProperty("java.home"), System.getProperty("java.class.path")));
        List<Path> list = InPlaceIgnoreList.of(r.kilnDir(), Path.of("/proc/self/mountinfo"), r.ignoreVarRun(), keep);
        java.util.Set<String> kept = InPlaceRoot.paths(list);
        InPlaceRoot inPlace = new InPlaceRoot(Path.of("/"), kept, detector, r.force());
        inPlace.check(events);
        launchCheck(kept, events);
        return inPlace;
    }

    /** Whether processes can still start once / is the image: fork needs nothing from /, posix_spawn its helper's loader. */
    private static void launchCheck(java.util.Set<String> kept, EventSink events) {
        String launch = System.getProperty(ProcessLaunch.PROPERTY, "POSIX_SPAWN"); // the JDK's default on Linux
        Path helper = SpawnHelper.of(System.getProperty("java.home"));
        if (launch.equalsIgnoreCase("FORK") || launch.equalsIgnoreCase("VFORK")) {
            events.emit(Event.debug("in-place", "processes start with " + launch.toLowerCase(java.util.Locale.ROOT)));
        } else if (SpawnHelper.survivesInPlace(helper, kept)) {
            events.emit(Event.debug("in-place", "processes start with posix_spawn through " + helper));
        } else {
            events.emit(Event.warn("in-place", "-D" + ProcessLaunch.PROPERTY + "=" + launch + ": RUN may fail to start "
                    + "once / is the image (" + helper + " needs this machine's dynamic loader); use FORK"));
        }
    }

    /** What an in-place build keeps besides kiln's own files: its work dir, context, Dockerfile and caches. */
    private static List<Path> inPlaceKeeps(BuildRequest req, Path work, Path context, Path dockerfile) {
        List<Path> keep = new ArrayList<>(List.of(work, context, dockerfile));
        if (req.cache().baseImageDir() != null) keep.add(req.cache().baseImageDir());
        keep.add(req.run().cacheKeep());
        return keep;
    }

    /** BuildKit's build checks kiln runs: SecretsUsedInArgOrEnv, one warning per name with its Dockerfile line. */
    private static void checks(Dockerfile df, EventSink events) {
        for (SecretNames.Finding f : SecretNames.check(df)) events.emit(Event.warn("check", f.location().where() + ": " + f.message()));
    }

    /** {@code --dryrun}: the plan on stdout, nothing pulled, built or pushed. */
    private int dryRun(BuildRequest req, EventSink events) throws IOException {
        Dockerfile df;
        try (ResolvedContext resolved = resolveContext(req, events, workRoot)) {
            df = DockerfileParser.parse(Files.readString(resolved.dockerfile(), StandardCharsets.UTF_8), req.context().dockerfile());
        }
        checks(df, events);
        for (dev.kiln.image.Platform p : req.platforms()) { // a multi-platform build: one plan per platform
            Builder.Options opts = builderOptions(req, p, null, null);
            for (String line : new DryRun(opts, ShellWords.forEscape(df.escapeToken()), events).plan(df)) System.out.println(line);
        }
        System.out.flush();
        return 0;
    }

    /**
     * The home directory: $HOME when set (as Go's os.UserHomeDir, so a non-root uid without a passwd entry, e.g.
     * 65534 whose passwd home is /nonexistent, can point it at a writable directory), else the passwd entry's.
     */
    static String home(Map<String, String> env) {
        String h = env.get("HOME");
        return h != null && !h.isBlank() ? h : System.getProperty("user.home");
    }

    /** --secret and --run-cache-dir (issue 5). */
    private RunOptions stageRunOptions(BuildRequest.Run r, RunOptions base) {
        Path cache = r.runCacheDir();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            if (f.runCacheDir != null) {
                throw new CommandLine.ParameterException(cl, "cannot create the run cache directory " + cache + ": " + e.getMessage());
            }
            // the default under a home that cannot be written (a non-root uid, a read-only root filesystem): RUN
            // cache mounts then last for this build only, in its work directory
            cache = workRoot.resolve("kiln-run-mounts");
            try {
                Files.createDirectories(cache);
            } catch (IOException e2) {
                throw new CommandLine.ParameterException(cl, "cannot create the run cache directory " + r.runCacheDir()
                        + " (" + e.getMessage() + ") nor " + cache + ": " + e2.getMessage());
            }
        }
        return base.withSecrets(r.secrets(), cache);
    }

    // --- build context sources (issue 8): --context, --context-sub-path, --dockerfile, --git ---
    private static ResolvedContext resolveContext(BuildRequest req, EventSink events, Path tempParent) throws IOException {
        Files.createDirectories(tempParent);
        ContextResolver resolver = new ContextResolver(System.getenv(), System.in, events, tempParent);
        return resolver.resolve(req.context());
    }
}
