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
    static {
        ProcessLaunch.choose(); // tests run builds in their JVM (Main#run): the same choice as Main#main's
    }

    @Option(names = {"-c", "--context"}, paramLabel = "PATH", defaultValue = "/workspace/",
            description = {"Build context (default: ${DEFAULT-VALUE}, as Kaniko): a directory path or dir://path; tar://FILE (tar, tar.gz, tar.zst) or tar://stdin;",
                    "git://host/org/repo.git[#refs/heads/BRANCH|#COMMIT] (over $GIT_PULL_METHOD, default https) or https://host/org/repo.git[#...];",
                    "s3://BUCKET/KEY; gs://BUCKET/OBJECT; https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB; any other https:// tarball."})
    String context;

    @Option(names = {"-f", "--dockerfile"}, paramLabel = "PATH", defaultValue = "Dockerfile",
            description = "Dockerfile: absolute, or relative to the context (then to the current directory), or an http(s):// URL. Default: ${DEFAULT-VALUE}.")
    String dockerfile;

    // --- build context sources (issue 8) ---
    @Option(names = "--context-sub-path", paramLabel = "DIR",
            description = "Sub-directory of the context to use as the context (e.g. in a git repository or tarball).")
    String contextSubPath;

    @Option(names = "--git", paramLabel = "KEY=VALUE[,...]",
            description = "Git context options: branch=NAME,single-branch=BOOL,recurse-submodules=BOOL,insecure-skip-tls=BOOL (repeatable). Credentials: GIT_USERNAME with GIT_PASSWORD or GIT_TOKEN.")
    List<String> git = new ArrayList<>();

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

    @Option(names = "--target", paramLabel = "STAGE",
            description = "Build this stage instead of the last one (repeatable: all are built, the last one is the output image).")
    List<String> targets = new ArrayList<>();

    @Option(names = {"--custom-platform", "--platform"}, paramLabel = "OS/ARCH[/VARIANT][,...]",
            description = {"Platform(s) to build for, e.g. linux/arm64 (default: this machine's). Several, comma-separated",
                    "(linux/amd64,linux/arm64), build an image per platform and push one image index (a Docker manifest list when",
                    "every image is Docker v2s2); --digest-file gets the index digest. RUN for a foreign platform needs a binfmt_misc",
                    "handler (qemu-user-static)."})
    String customPlatform;

    @Option(names = "--jobs", paramLabel = "N",
            description = {"How many stages build at once (as buildah's --jobs; default 0: the number of cores). With several",
                    "platforms, up to N/2 platforms build at once, each with N/(platforms at once) stages."})
    int jobs;

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

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "How RUN executes: auto|chroot|oci|in-place (default: ${DEFAULT-VALUE}: in-place only inside kiln's executor image, else oci when runc/crun is installed, else chroot).")
    String isolation;

    @Option(names = "--snapshot-mode", paramLabel = "MODE",
            description = "How RUN changes are found: overlay|walk, or Kaniko's full|redo|time (walk variants). Default: overlay where the kernel allows it, walk for in-place.")
    String snapshotMode;

    @Option(names = "--ignore-path", paramLabel = "PATH", description = "Path never snapshotted into a layer (repeatable).")
    List<String> ignorePaths = new ArrayList<>();

    @Option(names = "--ignore-var-run", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Ignore /var/run when snapshotting (default: ${DEFAULT-VALUE}, as Kaniko).")
    boolean ignoreVarRun;

    @Option(names = "--force", description = "Allow in-place builds outside a container (they change this machine's /).")
    boolean force;
    @Option(names = {"--dryrun", "--dry-run"},
            description = "Parse the Dockerfile, resolve args, stages and target, print the plan to stdout; build, pull and push nothing.")
    boolean dryRun;

    @Option(names = {"--kaniko-dir", "--kiln-dir"}, paramLabel = "DIR",
            description = "Where build files go (each build's work dir kiln-build-*, removed after it; default: $KILN_DIR, else "
                    + "$TMPDIR, else /tmp), and the directory in-place builds never delete or snapshot (kiln's own files; default: "
                    + "$KILN_DIR, else the directory of kiln's jar; the Java runtime, class path, work dir and context are always kept).")
    String kanikoDir;

    @Option(names = "--single-snapshot",
            description = "One snapshot for the RUNs of a stage instead of one per RUN: their changes become one layer at the "
                    + "end of the stage, or earlier when a COPY/ADD/WORKDIR follows them (layers stay in order). Found by a walk.")
    boolean singleSnapshot;

    @Option(names = "--cleanup",
            description = "In-place builds: empty / (but the ignored paths) after the build, as Kaniko. No effect with chroot/oci.")
    boolean cleanup;

    @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level: panic|fatal|error|warn|info|debug|trace (default: ${DEFAULT-VALUE}).")
    String verbosity;

    // --- registry: TLS per host, mirrors, retries, push checks (issue 6) ---
    @Option(names = "--registry-certificate", paramLabel = "HOST=CA_FILE",
            description = "PEM CA certificate trusted for one registry, e.g. my.registry:5443=/certs/ca.pem (repeatable).")
    List<String> registryCertificates = new ArrayList<>();

    @Option(names = "--registry-client-cert", paramLabel = "HOST=CERT_FILE,KEY_FILE",
            description = "PEM client certificate and key presented to one registry (mTLS) (repeatable).")
    List<String> registryClientCerts = new ArrayList<>();

    @Option(names = "--registry-mirror", paramLabel = "HOST[/PATH]",
            description = "Mirror for docker.io pulls, tried in order before docker.io (repeatable).")
    List<String> registryMirrors = new ArrayList<>();

    @Option(names = "--registry-map", paramLabel = "ORIG=MIRROR[;ORIG=MIRROR...]",
            description = "Mirrors for any registry's pulls, tried in order before the original (repeatable).")
    List<String> registryMaps = new ArrayList<>();

    @Option(names = "--skip-default-registry-fallback",
            description = "Do not fall back to the original registry when no mirror can serve an image.")
    boolean skipDefaultRegistryFallback;

    @Option(names = "--push-retry", paramLabel = "N", defaultValue = "2",
            description = "Retries for push requests, with exponential backoff and Retry-After (default: ${DEFAULT-VALUE}).")
    int pushRetry;

    @Option(names = "--image-download-retry", paramLabel = "N", defaultValue = "2",
            description = "Retries for pull requests and base image downloads (default: ${DEFAULT-VALUE}).")
    int imageDownloadRetry;

    @Option(names = "--push-ignore-immutable-tag-errors",
            description = "Warn instead of failing when a registry refuses to overwrite an immutable tag.")
    boolean pushIgnoreImmutableTagErrors;

    @Option(names = "--skip-push-permission-check",
            description = "Do not check before the build that every --destination accepts pushes.")
    boolean skipPushPermissionCheck;

    // --- layer cache and base-image cache (issue 7; see docs/cache-keys.md) ---
    @Option(names = "--cache", arity = "0..1", fallbackValue = "true",
            description = "Use the layer cache: look up RUN (and with --cache-copy-layers COPY/ADD/WORKDIR) results by key, store new ones.")
    boolean cache;

    @Option(names = "--cache-repo", paramLabel = "REPO|oci:DIR",
            description = "Cache location: a registry repository (default: <first destination's repository>/cache, as Kaniko) or oci:/path (an OCI layout).")
    String cacheRepo;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Base-image cache filled by 'kiln warm': base images found there are used without pulling.")
    java.nio.file.Path cacheDir;

    @Option(names = "--cache-ttl", paramLabel = "DURATION", defaultValue = "336h",
            description = "Cache entries (layers and warmed base images) older than this are ignored (default: ${DEFAULT-VALUE}, two weeks, as Kaniko).")
    String cacheTtl;

    @Option(names = "--cache-run-layers", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Cache RUN results (default: ${DEFAULT-VALUE}).")
    boolean cacheRunLayers;

    @Option(names = "--cache-copy-layers", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Also cache COPY, ADD and WORKDIR results (default: ${DEFAULT-VALUE}, as Kaniko).")
    boolean cacheCopyLayers;

    @Option(names = "--no-push-cache", description = "Look up the cache but never write new entries to it.")
    boolean noPushCache;

    // ---- multi-stage builds, RUN --mount secrets and caches (issue 5)
    @Option(names = "--secret", paramLabel = "id=ID,src=FILE|env=VAR",
            description = "Secret for RUN --mount=type=secret (repeatable); never written to a layer, the config or the log.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--run-cache-dir", paramLabel = "DIR",
            description = "Where RUN --mount=type=cache directories persist across builds (default ~/.cache/kiln/run-mounts).")
    String runCacheDir;

    @Option(names = "--skip-unused-stages", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Build only the stages the target needs (Kaniko's flag; always on in kiln, false is ignored with a warning).")
    boolean skipUnusedStages = true;

    // ---- Kaniko flags kept out of this class (issue 13; docs/kaniko-flags.md)
    @picocli.CommandLine.Mixin
    CompressionOptions compression = new CompressionOptions();

    @picocli.CommandLine.Mixin
    LogOptions log = new LogOptions();

    @picocli.CommandLine.Mixin
    KanikoCompat kaniko = new KanikoCompat();

    // ---- kiln's supply-chain flags (issue 15; docs/supply-chain.md)
    @picocli.CommandLine.Mixin
    AttestFlags attest = new AttestFlags();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        kaniko.applyTo(this);
        return new BuildRunner(this, spec.commandLine()).run();
    }
}
