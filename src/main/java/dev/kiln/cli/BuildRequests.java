package dev.kiln.cli;

import dev.kiln.rootfs.KilnFiles;
import dev.kiln.output.Outputs;
import dev.kiln.step.Secret;
import dev.kiln.cache.CacheOptions;
import dev.kiln.context.source.ContextRequest;
import dev.kiln.context.source.GitOptions;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.image.Platform;
import dev.kiln.registry.ClientCertificate;
import dev.kiln.registry.Mirrors;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.registry.Retry;
import dev.kiln.request.BuildRequest;
import dev.kiln.request.BuildRequest.LayerCacheLocation;
import dev.kiln.run.Isolation;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place {@code kiln build}'s flags and environment become a {@link BuildRequest}. Every flag is checked
 * here; a bad one is a picocli {@link CommandLine.ParameterException} naming it (a usage error).
 */
final class BuildRequests {
    private final BuildCommand f;
    private final CommandLine cl;
    private final Map<String, String> env;
    private final String userHome;

    private BuildRequests(BuildCommand f, CommandLine cl, Map<String, String> env, String userHome) {
        this.f = f;
        this.cl = cl;
        this.env = env;
        this.userHome = userHome;
    }

    static BuildRequest from(BuildCommand f, CommandLine cl, Map<String, String> env, String userHome) {
        return new BuildRequests(f, cl, env, userHome).request();
    }

    private BuildRequest request() {
        List<Reference> destinations = new ArrayList<>();
        for (String d : f.destinations) destinations.add(parse(() -> Reference.parse(d), "invalid --destination '" + d + "': "));
        List<Platform> platforms = platforms();
        GitOptions git = parse(() -> GitOptions.parse(f.git), "");
        var outputs = new Outputs.Spec(destinations, !f.noPush, f.tarPath, f.ociLayoutPath, f.digestFile,
                f.imageNameWithDigestFile, f.imageNameTagWithDigestFile);
        return parse(() -> new BuildRequest(new ContextRequest(f.context, f.contextSubPath, f.dockerfile, git), platforms,
                parse(() -> CliEnvironment.buildArgs(f.buildArgs, env), ""), keyValues(f.labels, "--label"), f.targets,
                f.reproducible, outputs, registryOptions(), CliEnvironment.dockerConfigDir(env, userHome),
                f.skipPushPermissionCheck, run(), cache(destinations), f.dryRun,
                parse(() -> LayerCompression.of(f.compression.compression(), f.compression.compressionLevel()), ""),
                jobs()), "");
    }

    /** {@code --jobs N}; 0 (the default): the number of cores. */
    private int jobs() {
        if (f.jobs < 0) throw new CommandLine.ParameterException(cl, "--jobs must be 0 (the number of cores) or more, got " + f.jobs);
        return f.jobs == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : f.jobs;
    }

    /** {@code --custom-platform a[,b...]} (alias {@code --platform}); default this machine's. */
    private List<Platform> platforms() {
        if (f.customPlatform == null) return List.of(Platform.host());
        List<Platform> l = new ArrayList<>();
        for (String one : f.customPlatform.split(",", -1)) {
            if (one.isBlank()) throw new CommandLine.ParameterException(cl, "invalid --custom-platform '" + f.customPlatform + "': empty platform in the list");
            Platform p = parse(() -> Platform.parse(one), "invalid --custom-platform: ");
            if (l.contains(p)) throw new CommandLine.ParameterException(cl, "invalid --custom-platform: " + p + " is given twice");
            l.add(p);
        }
        return l;
    }

    private BuildRequest.Run run() {
        Isolation isolation = parse(() -> Isolation.parse(f.isolation), "");
        SnapshotMode mode = f.snapshotMode == null ? null : parse(() -> SnapshotMode.parse(f.snapshotMode), "");
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String spec : f.secrets) {
            Secret s = parse(() -> Secret.parse(spec, env), "");
            secrets.put(s.id(), s);
        }
        Path runCache = f.runCacheDir != null ? Path.of(f.runCacheDir).toAbsolutePath()
                : Path.of(userHome, ".cache", "kiln", "run-mounts");
        Path keep = f.runCacheDir != null ? Path.of(f.runCacheDir) : Path.of(userHome, ".cache", "kiln");
        return new BuildRequest.Run(isolation, mode, f.ignorePaths, f.ignoreVarRun, f.force, f.singleSnapshot, f.cleanup,
                kilnDir(), secrets, runCache, keep);
    }

    /** --kaniko-dir, else $KILN_DIR, else the directory of kiln's jar (or classes). */
    private Path kilnDir() {
        if (f.kanikoDir != null && !f.kanikoDir.isBlank()) return Path.of(f.kanikoDir).toAbsolutePath().normalize();
        String dir = env.get("KILN_DIR");
        if (dir != null && !dir.isBlank()) return Path.of(dir).toAbsolutePath().normalize();
        return KilnFiles.installDir(BuildRunner.class);
    }

    private BuildRequest.Cache cache(List<Reference> destinations) {
        Duration ttl = ttl(f.cacheTtl, cl);
        var options = new CacheOptions(ttl, f.cacheRunLayers, f.cacheCopyLayers, !f.noPushCache);
        return new BuildRequest.Cache(f.cache, f.cache ? layerCache(f.cacheRepo, destinations) : null, f.cacheDir, options);
    }

    static Duration ttl(String s, CommandLine cl) {
        try {
            return CacheOptions.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --cache-ttl: " + e.getMessage());
        }
    }

    private LayerCacheLocation layerCache(String repo, List<Reference> destinations) {
        if (repo != null && repo.startsWith("oci:")) {
            String dir = repo.substring("oci:".length());
            if (dir.isEmpty()) throw new CommandLine.ParameterException(cl, "invalid --cache-repo '" + repo + "': oci: needs a directory");
            return new LayerCacheLocation.OciDirectory(Path.of(dir).toAbsolutePath().normalize());
        }
        if (repo != null) {
            Reference ref = parse(() -> Reference.parse(repo), "invalid --cache-repo '" + repo + "': ");
            if (ref.digest() != null || (ref.tag() != null && !ref.tag().equals(Reference.DEFAULT_TAG) && repo.contains("@"))) {
                throw new CommandLine.ParameterException(cl, "invalid --cache-repo '" + repo + "': give a repository, not an image digest");
            }
            return new LayerCacheLocation.Repository(ref);
        }
        if (destinations.isEmpty()) return null;
        Reference d = destinations.getFirst();
        return new LayerCacheLocation.Repository(new Reference(d.registry(), d.repository() + "/cache", Reference.DEFAULT_TAG, null));
    }

    private RegistryOptions registryOptions() {
        return RegistryOptions.DEFAULT
                .withInsecureRegistries(Set.copyOf(f.insecureRegistries))
                .withInsecureAll(f.insecure)
                .withInsecurePull(f.insecurePull)
                .withSkipTlsVerify(f.skipTlsVerify)
                .withSkipTlsVerifyPull(f.skipTlsVerifyPull)
                .withSkipTlsVerifyRegistries(Set.copyOf(f.skipTlsVerifyRegistries))
                .withUserAgent("kiln/" + Version.version())
                .withRegistryCertificates(registryCertificates())
                .withClientCertificates(clientCertificates())
                .withMirrors(parse(() -> Mirrors.parse(f.registryMirrors, f.registryMaps, f.skipDefaultRegistryFallback),
                        "invalid --registry-mirror/--registry-map: "))
                .withRetry(Retry.DEFAULT.withPushRetries(nonNegative(f.pushRetry, "--push-retry"))
                        .withDownloadRetries(nonNegative(f.imageDownloadRetry, "--image-download-retry")))
                .withPushIgnoreImmutableTagErrors(f.pushIgnoreImmutableTagErrors);
    }

    private Map<String, List<Path>> registryCertificates() {
        Map<String, List<Path>> m = new LinkedHashMap<>();
        keyValues(f.registryCertificates, "--registry-certificate")
                .forEach((host, file) -> m.computeIfAbsent(host, k -> new ArrayList<>()).add(Path.of(file)));
        return m;
    }

    private Map<String, ClientCertificate> clientCertificates() {
        Map<String, ClientCertificate> m = new LinkedHashMap<>();
        keyValues(f.registryClientCerts, "--registry-client-cert").forEach((host, v) ->
                m.put(host, parse(() -> ClientCertificate.parse(v), "invalid --registry-client-cert for " + host + ": ")));
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

    private int nonNegative(int n, String flag) {
        if (n < 0) throw new CommandLine.ParameterException(cl, flag + " must not be negative, got " + n);
        return n;
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get();
    }

    /** Runs a parser; its {@link IllegalArgumentException} becomes a usage error, its message after {@code prefix}. */
    private <T> T parse(Parse<T> p, String prefix) {
        try {
            return p.get();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, prefix + e.getMessage());
        }
    }
}
