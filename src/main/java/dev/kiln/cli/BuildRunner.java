package dev.kiln.cli;

import dev.kiln.build.Builder;
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
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
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
        EventSink events = new ConsoleEvents(System.err, ConsoleEvents.level(f.verbosity));
        if (f.dryRun) return dryRun(events);
        if (f.destinations.isEmpty() && !f.noPush) {
            throw new CommandLine.ParameterException(cl, "You must provide --destination, or use --no-push");
        }
        List<Reference> destinations = new ArrayList<>();
        for (String d : f.destinations) destinations.add(parseReference(d));
        Path context = contextDir(f.context);
        Path dockerfile = dockerfilePath(context, f.dockerfile);
        Platform platform = f.customPlatform == null ? Platform.host() : parsePlatform(f.customPlatform);

        String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        Dockerfile df = DockerfileParser.parse(text, "Dockerfile");
        char escape = df.escapeToken();

        RegistryImages registry = new RegistryImages(registryOptions(), DockerConfig.load(dockerConfigDir()), events);
        if (!f.noPush && !f.skipPushPermissionCheck) registry.checkPushPermissions(destinations);
        SourceTree sources = ContextSources.open(context, dockerfile);
        Path work = Files.createTempDirectory("kiln-build-");
        try {
            RunOptions run = runOptions(events, List.of(work, context, dockerfile));
            Builder.Options opts = new Builder.Options(buildArgs(), keyValues(f.labels, "--label"), platform, f.target,
                    f.reproducible, work, run);
            Image image = new Builder(opts, ShellWords.forEscape(escape), sources, new RegistryBaseImages(registry), events).build(df);
            Outputs.Spec spec = new Outputs.Spec(destinations, !f.noPush, f.tarPath, f.ociLayoutPath, f.digestFile,
                    f.imageNameWithDigestFile, f.imageNameTagWithDigestFile);
            Digest digest = new Outputs(registry, events).write(image, spec);
            if (f.cleanup && run.inPlace() != null) run.inPlace().cleanup(events);
            events.emit(Event.info("done", "built image " + digest));
            return 0;
        } finally {
            deleteTree(work);
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
        HostTools tools = HostTools.standard();
        InPlaceRoot inPlace = null;
        if (new SandboxFactory(events, tools, detector, f.force).choose(isolation) == Isolation.IN_PLACE) {
            if (mode != null && mode.strategy() == SnapshotMode.Strategy.OVERLAY) {
                throw new CommandLine.ParameterException(cl, "--snapshot-mode overlay needs a separate rootfs; in-place builds walk / (walk, redo, full or time)");
            }
            Path kilnDir = kilnDir();
            List<Path> keep = new ArrayList<>(buildFiles);
            for (String p : f.ignorePaths) keep.add(Path.of(p));
            keep.addAll(KilnFiles.runtime(System.getProperty("java.home"), System.getProperty("java.class.path")));
            List<Path> list = InPlaceIgnoreList.of(kilnDir, Path.of("/proc/self/mountinfo"), f.ignoreVarRun, keep);
            inPlace = new InPlaceRoot(Path.of("/"), InPlaceRoot.paths(list), detector, f.force);
            inPlace.check(events);
            if (kilnDir != null) tools = HostTools.of(kilnDir.resolve("bin").toString());
            String launch = System.getProperty(BuildCommand.LAUNCH_MECHANISM, "");
            if (!launch.equalsIgnoreCase("FORK") && !launch.equalsIgnoreCase("VFORK")) {
                events.emit(Event.warn("in-place", "-D" + BuildCommand.LAUNCH_MECHANISM + "=" + launch + ": RUN may fail to start "
                        + "once / is the image (posix_spawn needs the JDK's jspawnhelper and this machine's libc); use FORK"));
            }
        }
        SandboxFactory factory = new SandboxFactory(events, tools, detector, f.force);
        return new RunOptions(() -> factory.create(isolation), mode, ignored, inPlace, f.singleSnapshot);
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
        Path context = contextDir(f.context);
        Path dockerfile = dockerfilePath(context, f.dockerfile);
        Platform platform = f.customPlatform == null ? Platform.host() : parsePlatform(f.customPlatform);
        Dockerfile df = DockerfileParser.parse(Files.readString(dockerfile, StandardCharsets.UTF_8), "Dockerfile");
        Builder.Options opts = new Builder.Options(buildArgs(), keyValues(f.labels, "--label"), platform, f.target,
                f.reproducible, null, null);
        for (String line : new DryRun(opts, ShellWords.forEscape(df.escapeToken()), events).plan(df)) System.out.println(line);
        System.out.flush();
        return 0;
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

    private Path contextDir(String c) {
        String path = c;
        int scheme = c.indexOf("://");
        if (scheme > 0) {
            String s = c.substring(0, scheme);
            if (!s.equals("dir")) {
                throw new CommandLine.ParameterException(cl, "unsupported --context '" + c + "': only a directory path or dir://path is supported yet");
            }
            path = c.substring(scheme + 3);
        }
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) throw new CommandLine.ParameterException(cl, "build context " + p + " is not a directory");
        return p;
    }

    /** Absolute as given; else relative to the context, then to the current directory (as Kaniko). */
    private Path dockerfilePath(Path context, String df) {
        Path p = Path.of(df);
        List<Path> candidates = p.isAbsolute() ? List.of(p) : List.of(context.resolve(p), p.toAbsolutePath());
        for (Path c : candidates) if (Files.isRegularFile(c)) return c.normalize();
        throw new CommandLine.ParameterException(cl, "Dockerfile not found: " + df + " (looked at " + candidates + ")");
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not a build failure
        }
    }
}
