package dev.kiln.cli;

import dev.kiln.build.BuildPipeline;
import dev.kiln.build.Builder;
import dev.kiln.build.FinalLayers;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.registry.PushGate;
import dev.kiln.registry.PushSession;
import dev.kiln.build.DryRun;
import dev.kiln.build.Outputs;
import dev.kiln.build.RegistryBaseImages;
import dev.kiln.build.InPlaceRoot;
import dev.kiln.build.KilnFiles;
import dev.kiln.build.RunOptions;
import dev.kiln.run.InPlaceIgnoreList;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.ContainerDetector;
import dev.kiln.run.HostTools;
import dev.kiln.run.Isolation;
import dev.kiln.run.SandboxFactory;
import dev.kiln.build.ShellWords;
import dev.kiln.build.SourceTree;
import dev.kiln.build.ContextSources;
import dev.kiln.context.source.ContextRequest;
import dev.kiln.context.source.ContextResolver;
import dev.kiln.context.source.GitOptions;
import dev.kiln.context.source.ResolvedContext;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.registry.DockerConfig;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Composition root of {@code kiln build}: reads flags and environment, wires the parts, runs the build. */
final class BuildRunner {
    private final BuildCommand f;
    private final CommandLine cl;

    BuildRunner(BuildCommand flags, CommandLine cl) {
        this.f = flags;
        this.cl = cl;
    }

    int run() throws IOException {
        EventSink events = f.log.sink(f.verbosity, System.err);
        f.kaniko.warnings().forEach(w -> events.emit(Event.warn("flags", w)));
        if (f.dryRun) return dryRun(events);
        if (f.destinations.isEmpty() && !f.noPush) {
            throw new CommandLine.ParameterException(cl, "You must provide --destination, or use --no-push");
        }
        List<Reference> destinations = new ArrayList<>();
        for (String d : f.destinations) destinations.add(parseReference(d));
        layerCompression();   // a bad --compression value fails before anything is fetched
        RegistryImages registry = new RegistryImages(registryOptions(), DockerConfig.load(dockerConfigDir()), events);
        boolean push = !f.noPush && !destinations.isEmpty();
        // the permission check runs while the context is prepared and bases resolve; nothing is pushed before it passed
        PushGate gate = push && !f.skipPushPermissionCheck ? registry.checkPushPermissionsInBackground(destinations) : PushGate.OPEN;
        // closed in reverse: a failed build's blob pushes stop first; the deleter's wait (scratch dirs, work dir) comes last
        try (TreeDeleter deleter = TreeDeleter.background();
             ResolvedContext resolved = resolveContext(events);
             PushSession session = push ? registry.pushSession(destinations, gate) : null) {
            return build(events, destinations, resolved.root(), resolved.dockerfile(), registry, session, gate, deleter);
        }
    }

    private int build(EventSink events, List<Reference> destinations, Path context, Path dockerfile, RegistryImages registry,
                      PushSession session, PushGate gate, TreeDeleter deleter) throws IOException {
        Platform platform = f.customPlatform == null ? Platform.host() : parsePlatform(f.customPlatform);

        String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        Dockerfile df = DockerfileParser.parse(text, "Dockerfile");
        char escape = df.escapeToken();

        SourceTree sources = ContextSources.open(context, dockerfile);
        Path work = Files.createTempDirectory("kiln-build-");
        try {
            RunOptions run = stageRunOptions(runOptions(events, inPlaceKeeps(work, context, dockerfile)));
            Builder.Options opts = new Builder.Options(buildArgs(), keyValues(f.labels, "--label"), platform, null,
                    f.reproducible, work, run, f.targets, layerCompression());
            Outputs.Spec spec = new Outputs.Spec(destinations, !f.noPush, f.tarPath, f.ociLayoutPath, f.digestFile,
                    f.imageNameWithDigestFile, f.imageNameTagWithDigestFile);
            // layer cache (--cache ...) and base-image cache (--cache-dir); cache writes finish before work is deleted
            CacheSetup caching = CacheSetup.of(f, cl, destinations, registry, platform, new RegistryBaseImages(registry), events);
            Digest digest;
            FinalLayers early = session == null ? FinalLayers.NONE : FinalLayers.pushedBy(session, gate);
            BuildPipeline pipeline = new BuildPipeline(deleter, early, run.inPlace() != null ? 1 : BuildPipeline.cores());
            try (var cache = caching.cache()) {
                Image image = new Builder(opts, ShellWords.forEscape(escape), sources, caching.bases(), events, cache, pipeline).build(df);
                digest = new Outputs(registry, events).write(image, spec, session);
            }
            if (f.cleanup && run.inPlace() != null) run.inPlace().cleanup(events);
            events.emit(Event.info("done", "built image " + digest));
            return 0;
        } finally {
            deleter.delete(work); // after the outputs: layer files are read until the push is done
        }
    }

    /** --compression and --compression-level (Kaniko's values). */
    private LayerCompression layerCompression() {
        try {
            return LayerCompression.of(f.compression.compression(), f.compression.compressionLevel());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    private RunOptions runOptions(EventSink events, List<Path> buildFiles) throws IOException {
        Isolation isolation;
        SnapshotMode mode;
        try {
            isolation = Isolation.parse(f.isolation);
            mode = f.snapshotMode == null ? null : SnapshotMode.parse(f.snapshotMode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        List<String> ignored = new ArrayList<>(f.ignorePaths);
        if (f.ignoreVarRun) ignored.add("/var/run");
        ContainerDetector detector = ContainerDetector.system(System.getenv());
        boolean inPlaceChosen = new SandboxFactory(events, HostTools.standard(), detector, f.force).choose(isolation) == Isolation.IN_PLACE;
        InPlaceRoot inPlace = inPlaceChosen ? inPlaceRoot(mode, detector, buildFiles, events) : null;
        Path kilnDir = kilnDir();
        // in place, / becomes the image: host tools (setpriv, setsid) come from kiln's own bin/ first
        HostTools tools = inPlace != null && kilnDir != null ? HostTools.of(kilnDir.resolve("bin").toString()) : HostTools.standard();
        SandboxFactory factory = new SandboxFactory(events, tools, detector, f.force);
        return new RunOptions(() -> factory.create(isolation), mode, ignored).withInPlace(inPlace, f.singleSnapshot);
    }

    /** --isolation in-place: the ignore list (kiln's files, mounts, build files, --ignore-path) and the guard, checked now. */
    private InPlaceRoot inPlaceRoot(SnapshotMode mode, ContainerDetector detector, List<Path> buildFiles, EventSink events)
            throws IOException {
        if (mode != null && mode.strategy() == SnapshotMode.Strategy.OVERLAY) {
            throw new CommandLine.ParameterException(cl, "--snapshot-mode overlay needs a separate rootfs; in-place builds walk / (walk, redo, full or time)");
        }
        List<Path> keep = new ArrayList<>(buildFiles);
        for (String p : f.ignorePaths) keep.add(Path.of(p));
        keep.addAll(KilnFiles.runtime(System.getProperty("java.home"), System.getProperty("java.class.path")));
        List<Path> list = InPlaceIgnoreList.of(kilnDir(), Path.of("/proc/self/mountinfo"), f.ignoreVarRun, keep);
        InPlaceRoot inPlace = new InPlaceRoot(Path.of("/"), InPlaceRoot.paths(list), detector, f.force);
        inPlace.check(events);
        String launch = System.getProperty(BuildCommand.LAUNCH_MECHANISM, "");
        if (!launch.equalsIgnoreCase("FORK") && !launch.equalsIgnoreCase("VFORK")) {
            events.emit(Event.warn("in-place", "-D" + BuildCommand.LAUNCH_MECHANISM + "=" + launch + ": RUN may fail to start "
                    + "once / is the image (posix_spawn needs the JDK's jspawnhelper and this machine's libc); use FORK"));
        }
        return inPlace;
    }

    /** What an in-place build keeps besides kiln's own files: its work dir, context, Dockerfile and caches. */
    private List<Path> inPlaceKeeps(Path work, Path context, Path dockerfile) {
        List<Path> keep = new ArrayList<>(List.of(work, context, dockerfile));
        if (f.cacheDir != null) keep.add(f.cacheDir);
        keep.add(f.runCacheDir != null ? Path.of(f.runCacheDir) : Path.of(System.getProperty("user.home"), ".cache", "kiln"));
        return keep;
    }

    /** --kaniko-dir, else $KILN_DIR, else the directory of kiln's jar (or classes). */
    private Path kilnDir() {
        if (f.kanikoDir != null && !f.kanikoDir.isBlank()) return Path.of(f.kanikoDir).toAbsolutePath().normalize();
        String env = System.getenv("KILN_DIR");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
        return KilnFiles.installDir(BuildRunner.class);
    }

    /** {@code --dryrun}: the plan on stdout, nothing pulled, built or pushed. */
    private int dryRun(EventSink events) throws IOException {
        Platform platform = f.customPlatform == null ? Platform.host() : parsePlatform(f.customPlatform);
        Dockerfile df;
        try (ResolvedContext resolved = resolveContext(events)) {
            df = DockerfileParser.parse(Files.readString(resolved.dockerfile(), StandardCharsets.UTF_8), "Dockerfile");
        }
        Builder.Options opts = new Builder.Options(buildArgs(), keyValues(f.labels, "--label"), platform, null,
                f.reproducible, null, null, f.targets);
        for (String line : new DryRun(opts, ShellWords.forEscape(df.escapeToken()), events).plan(df)) System.out.println(line);
        System.out.flush();
        return 0;
    }

    /** --secret, --run-cache-dir and --skip-unused-stages (issue 5). */
    private RunOptions stageRunOptions(RunOptions base) {
        if (!f.skipUnusedStages) {
            throw new CommandLine.ParameterException(cl, "--skip-unused-stages=false is not supported: kiln builds only the stages the target needs");
        }
        Map<String, dev.kiln.build.Secret> secrets = new LinkedHashMap<>();
        for (String spec : f.secrets) {
            try {
                dev.kiln.build.Secret s = dev.kiln.build.Secret.parse(spec, System.getenv());
                secrets.put(s.id(), s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        Path cache = f.runCacheDir != null ? Path.of(f.runCacheDir).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".cache", "kiln", "run-mounts");
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "cannot create the run cache directory " + cache + ": " + e.getMessage());
        }
        return base.withSecrets(secrets, cache);
    }

    private Reference parseReference(String s) {
        try {
            return Reference.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --destination '" + s + "': " + e.getMessage());
        }
    }

    private Platform parsePlatform(String s) {
        try {
            return Platform.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --custom-platform: " + e.getMessage());
        }
    }

    // --- build context sources (issue 8): --context, --context-sub-path, --dockerfile, --git ---
    private ResolvedContext resolveContext(EventSink events) throws IOException {
        GitOptions git;
        try {
            git = GitOptions.parse(f.git);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        ContextResolver resolver = new ContextResolver(System.getenv(), System.in, events, Path.of(System.getProperty("java.io.tmpdir")));
        return resolver.resolve(new ContextRequest(f.context, f.contextSubPath, f.dockerfile, git));
    }

    private Map<String, String> buildArgs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : f.buildArgs) {
            int eq = a.indexOf('=');
            if (eq == 0) throw new CommandLine.ParameterException(cl, "invalid --build-arg '" + a + "': empty name");
            if (eq > 0) m.put(a.substring(0, eq), a.substring(eq + 1));
            else if (System.getenv(a) != null) m.put(a, System.getenv(a));
        }
        return m;
    }

    private Map<String, String> keyValues(List<String> list, String flag) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : list) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(cl, "invalid " + flag + " '" + a + "': expected KEY=VALUE");
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    private RegistryOptions registryOptions() {
        return RegistryOptions.DEFAULT
                .withInsecureRegistries(java.util.Set.copyOf(f.insecureRegistries))
                .withInsecureAll(f.insecure)
                .withInsecurePull(f.insecurePull)
                .withSkipTlsVerify(f.skipTlsVerify)
                .withSkipTlsVerifyPull(f.skipTlsVerifyPull)
                .withSkipTlsVerifyRegistries(java.util.Set.copyOf(f.skipTlsVerifyRegistries))
                .withUserAgent("kiln/" + Version.version())
                .withRegistryCertificates(registryCertificates())
                .withClientCertificates(clientCertificates())
                .withMirrors(mirrors())
                .withRetry(dev.kiln.registry.Retry.DEFAULT.withPushRetries(nonNegative(f.pushRetry, "--push-retry"))
                        .withDownloadRetries(nonNegative(f.imageDownloadRetry, "--image-download-retry")))
                .withPushIgnoreImmutableTagErrors(f.pushIgnoreImmutableTagErrors);
    }

    private Map<String, List<Path>> registryCertificates() {
        Map<String, List<Path>> m = new LinkedHashMap<>();
        keyValues(f.registryCertificates, "--registry-certificate")
                .forEach((host, file) -> m.computeIfAbsent(host, k -> new ArrayList<>()).add(Path.of(file)));
        return m;
    }

    private Map<String, dev.kiln.registry.ClientCertificate> clientCertificates() {
        Map<String, dev.kiln.registry.ClientCertificate> m = new LinkedHashMap<>();
        keyValues(f.registryClientCerts, "--registry-client-cert").forEach((host, v) -> {
            try {
                m.put(host, dev.kiln.registry.ClientCertificate.parse(v));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "invalid --registry-client-cert for " + host + ": " + e.getMessage());
            }
        });
        return m;
    }

    private dev.kiln.registry.Mirrors mirrors() {
        try {
            return dev.kiln.registry.Mirrors.parse(f.registryMirrors, f.registryMaps, f.skipDefaultRegistryFallback);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --registry-mirror/--registry-map: " + e.getMessage());
        }
    }

    private int nonNegative(int n, String flag) {
        if (n < 0) throw new CommandLine.ParameterException(cl, flag + " must not be negative, got " + n);
        return n;
    }

    /** $DOCKER_CONFIG, else ~/.docker (Kaniko's executor image sets DOCKER_CONFIG=/kaniko/.docker). */
    private static Path dockerConfigDir() {
        String env = System.getenv("DOCKER_CONFIG");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".docker");
    }

}
