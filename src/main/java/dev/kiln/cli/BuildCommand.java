package dev.kiln.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kiln build} — Kaniko's executor flags, same names and defaults. */
@Command(name = "build", aliases = {"executor"}, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build an image from a Dockerfile and a build context, then push it and/or write it to files.",
                "Also accepted as 'kiln executor' (Kaniko's name)."})
public final class BuildCommand implements Callable<Integer> {
    @Option(names = {"-c", "--context"}, paramLabel = "PATH", defaultValue = "/workspace/",
            description = "Build context: a directory path or dir://path (default: ${DEFAULT-VALUE}, as Kaniko).")
    String context;

    @Option(names = {"-f", "--dockerfile"}, paramLabel = "PATH", defaultValue = "Dockerfile",
            description = "Dockerfile: absolute, or relative to the context (then to the current directory). Default: ${DEFAULT-VALUE}.")
    String dockerfile;

    @Option(names = {"-d", "--destination"}, paramLabel = "IMAGE",
            description = "Registry image to push to, e.g. registry.example.com/team/app:1.2 (repeatable).")
    List<String> destinations = new ArrayList<>();

    @Option(names = "--no-push", description = "Build but do not push (use with --tar-path/--oci-layout-path).")
    boolean noPush;

    @Option(names = "--tar-path", paramLabel = "FILE",
            description = "Also write the image as a 'docker load' tarball (tagged with the destinations).")
    Path tarPath;

    @Option(names = "--oci-layout-path", paramLabel = "DIR", description = "Also write the image as an OCI image layout directory.")
    Path ociLayoutPath;

    @Option(names = "--digest-file", paramLabel = "FILE", description = "Write the image's manifest digest (sha256:...) to this file.")
    Path digestFile;

    @Option(names = "--image-name-with-digest-file", paramLabel = "FILE",
            description = "Write each destination as name@digest, one per line, to this file.")
    Path imageNameWithDigestFile;

    @Option(names = "--image-name-tag-with-digest-file", paramLabel = "FILE",
            description = "Write each destination as name:tag@digest, one per line, to this file.")
    Path imageNameTagWithDigestFile;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
            description = "Build argument (repeatable). A bare KEY takes its value from kiln's environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label to set on the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage instead of the last one.")
    String target;

    @Option(names = "--custom-platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Platform to build for, e.g. linux/arm64 (default: this machine's).")
    String customPlatform;

    @Option(names = "--insecure", description = "Push to registries over plain HTTP (and without TLS verification).")
    boolean insecure;

    @Option(names = "--insecure-pull", description = "Pull base images over plain HTTP (and without TLS verification).")
    boolean insecurePull;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Registry to use over plain HTTP for pushes and pulls (repeatable).")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--skip-tls-verify", description = "Do not verify TLS certificates when pushing (as Kaniko; see --skip-tls-verify-pull).")
    boolean skipTlsVerify;

    @Option(names = "--skip-tls-verify-pull", description = "Do not verify TLS certificates when pulling base images.")
    boolean skipTlsVerifyPull;

    @Option(names = "--skip-tls-verify-registry", paramLabel = "HOST[:PORT]",
            description = "Registry whose TLS certificate is not verified (repeatable).")
    List<String> skipTlsVerifyRegistries = new ArrayList<>();

    @Option(names = "--reproducible",
            description = "Normalise timestamps in layers and config so the same inputs give the same digest.")
    boolean reproducible;

    @Option(names = {"--dryrun", "--dry-run"},
            description = "Parse the Dockerfile, resolve args, stages and target, print the plan to stdout; build, pull and push nothing.")
    boolean dryRun;

    @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level: panic|fatal|error|warn|info|debug|trace (default: ${DEFAULT-VALUE}).")
    String verbosity;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new BuildRunner(this, spec.commandLine()).run();
    }
}
