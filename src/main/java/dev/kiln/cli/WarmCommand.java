package dev.kiln.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kiln warm} — Kaniko's warmer: fills a base-image cache directory that {@code kiln build --cache-dir} reads. */
@Command(name = "warm", aliases = {"warmer"}, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download base images into a cache that 'kiln build --cache-dir DIR' starts from instead of pulling.",
                "One OCI layout per image and platform, as Kaniko's warmer. Also accepted as 'kiln warmer'."})
public final class WarmCommand implements Callable<Integer> {
    @Option(names = {"-c", "--cache-dir"}, paramLabel = "DIR", defaultValue = "/cache",
            description = "Base-image cache directory (default: ${DEFAULT-VALUE}, as Kaniko's warmer).")
    Path cacheDir;

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", description = "Image to cache (repeatable).")
    List<String> images = new ArrayList<>();

    @Option(names = {"-d", "--dockerfile"}, paramLabel = "PATH",
            description = "Also cache the registry images this Dockerfile's stages start FROM (global ARGs expanded).")
    Path dockerfile;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]", description = "Build argument for --dockerfile's FROM lines (repeatable).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--cache-ttl", paramLabel = "DURATION", defaultValue = "336h",
            description = "A cached image younger than this is not downloaded again (default: ${DEFAULT-VALUE}).")
    String cacheTtl;

    @Option(names = {"-f", "--force"}, description = "Download even images that are cached and fresh.")
    boolean force;

    @Option(names = "--custom-platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Platform to cache images for (default: this machine's).")
    String customPlatform;

    @Option(names = "--insecure", description = "Use plain HTTP (and no TLS verification) for every registry.")
    boolean insecure;

    @Option(names = "--insecure-pull", description = "Pull over plain HTTP (and without TLS verification).")
    boolean insecurePull;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Registry to use over plain HTTP (repeatable).")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--skip-tls-verify", description = "Do not verify TLS certificates.")
    boolean skipTlsVerify;

    @Option(names = "--skip-tls-verify-pull", description = "Do not verify TLS certificates when pulling.")
    boolean skipTlsVerifyPull;

    @Option(names = "--image-download-retry", paramLabel = "N", defaultValue = "2",
            description = "Retries for pull requests (default: ${DEFAULT-VALUE}).")
    int imageDownloadRetry;

    @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level: panic|fatal|error|warn|info|debug|trace (default: ${DEFAULT-VALUE}).")
    String verbosity;

    @picocli.CommandLine.Mixin
    WarmRegistryOptions registry = new WarmRegistryOptions();

    @picocli.CommandLine.Mixin
    LogOptions log = new LogOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new WarmRunner(this, spec.commandLine()).run();
    }
}
