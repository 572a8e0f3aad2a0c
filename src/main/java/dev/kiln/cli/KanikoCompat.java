package dev.kiln.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kaniko executor flags kiln has no own option for: deprecated spellings (mapped to kiln's option, with Kaniko's
 * deprecation warning) and flags without a meaning for kiln (accepted, one warning each). See docs/kaniko-flags.md.
 */
public final class KanikoCompat {
    // --- deprecated spellings Kaniko still accepts
    @Option(names = "--snapshotMode", paramLabel = "MODE", hidden = true, description = "Deprecated: use --snapshot-mode.")
    String snapshotMode;

    @Option(names = "--customPlatform", paramLabel = "OS/ARCH", hidden = true, description = "Deprecated: use --custom-platform.")
    String customPlatform;

    @Option(names = "--tarPath", paramLabel = "FILE", hidden = true, description = "Deprecated: use --tar-path.")
    Path tarPath;

    @Option(names = "--whitelist-var-run", arity = "0..1", fallbackValue = "true", hidden = true,
            description = "Deprecated: use --ignore-var-run.")
    Boolean whitelistVarRun;

    @Option(names = {"-b", "--bucket"}, paramLabel = "BUCKET", hidden = true,
            description = "Kaniko's hidden flag: the context is gs://BUCKET/context.tar.gz (or BUCKET when it has a scheme); use --context.")
    String bucket;

    @Option(names = "--force-build-metadata", arity = "0..1", fallbackValue = "true", hidden = true,
            description = "Accepted for Kaniko compatibility: kiln records metadata instructions as BuildKit does (history entries, no layers).")
    boolean forceBuildMetadata;

    // --- flags without a meaning for kiln
    @Option(names = "--use-new-run", arity = "0..1", fallbackValue = "true",
            description = "Accepted for Kaniko compatibility, ignored: kiln finds RUN changes with --snapshot-mode (overlay or walk).")
    boolean useNewRun;

    @Option(names = "--image-fs-extract-retry", paramLabel = "N", defaultValue = "0",
            description = "Accepted for Kaniko compatibility: kiln retries layer downloads (--image-download-retry), not extraction.")
    int imageFsExtractRetry;

    @Option(names = "--materialize", arity = "0..1", fallbackValue = "true",
            description = "Accepted for Kaniko compatibility (osscontainertools), ignored: kiln always extracts the stages it builds.")
    boolean materialize;

    @Option(names = "--pre-cleanup", arity = "0..1", fallbackValue = "true",
            description = "Kaniko (osscontainertools): clean / before the build. In-place builds always start from an emptied /.")
    boolean preCleanup;

    @Option(names = "--preserve-context", arity = "0..1", fallbackValue = "true",
            description = "Kaniko (osscontainertools): keep the build context across stages. kiln never deletes the context.")
    boolean preserveContext;

    @Option(names = "--credential-helpers", paramLabel = "NAME", arity = "0..1",
            description = "Accepted for Kaniko compatibility (osscontainertools), ignored: kiln uses the helpers of config.json (credHelpers, credsStore).")
    List<String> credentialHelpers = new ArrayList<>();

    @Option(names = "--annotation", paramLabel = "KEY=VALUE",
            description = "Kaniko (Chainguard, osscontainertools): annotation on the image manifest (repeatable).")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--image-format", paramLabel = "docker|oci",
            description = "Kaniko (osscontainertools): manifest media types of the output; default: those of the base image.")
    String imageFormat;

    @Parameters(hidden = true, paramLabel = "ARG", arity = "0..*",
            description = "Kaniko ignores stray arguments; kiln warns about them.")
    List<String> strayArguments = new ArrayList<>();

    private final List<String> warnings = new ArrayList<>();

    /**
     * Moves deprecated spellings onto kiln's options and notes one warning per Kaniko flag given that kiln maps,
     * ignores or treats differently (Kaniko's wording where it has one). Call before the build reads the options.
     */
    void applyTo(BuildCommand b) {
        List<String> w = warnings;
        w.clear();
        if (snapshotMode != null) {
            w.add("Flag --snapshotMode is deprecated. Use: --snapshot-mode");
            b.snapshotMode = snapshotMode;
        }
        if (customPlatform != null) {
            w.add("Flag --customPlatform is deprecated. Use: --custom-platform");
            b.customPlatform = customPlatform;
        }
        if (tarPath != null) {
            w.add("Flag --tarPath is deprecated. Use: --tar-path");
            b.tarPath = tarPath;
        }
        if (whitelistVarRun != null) {
            w.add("Flag --whitelist-var-run has been deprecated, Please use ignore-var-run instead.");
            b.ignoreVarRun = whitelistVarRun;
        }
        if (bucket != null && !bucket.isBlank()) {
            // Kaniko: a --context path (the default /workspace/ included) wins; the bucket replaces only a URL context
            if (b.context != null && b.context.contains("://")) {
                b.context = bucket.contains("://") ? bucket : "gs://" + bucket + (bucket.contains("/") ? "" : "/context.tar.gz");
                w.add("Flag --bucket is hidden in Kaniko; using --context " + b.context);
            } else {
                w.add("--bucket is ignored, as in Kaniko, because --context is a path (" + b.context + "); use --context gs://BUCKET/PATH");
            }
        }
        if (!b.skipUnusedStages) {
            w.add("--skip-unused-stages=false is ignored: kiln builds only the stages the target needs");
            b.skipUnusedStages = true;
        }
        if (!b.compression.compressedCaching()) w.add("--compressed-caching=false is ignored: kiln never holds layers in memory");
        if (forceBuildMetadata) w.add("--force-build-metadata is ignored: kiln writes metadata instructions as BuildKit does (history entries, no layers)");
        if (useNewRun) w.add("--use-new-run is ignored: kiln finds what a RUN changed with its own snapshots (--snapshot-mode)");
        if (imageFsExtractRetry > 0) w.add("--image-fs-extract-retry is ignored: kiln retries layer downloads (--image-download-retry), not the extraction");
        if (materialize) w.add("--materialize is ignored: kiln extracts every stage it builds");
        if (!credentialHelpers.isEmpty()) w.add("--credential-helpers is ignored: kiln uses the credential helpers named in config.json");
        if (b.snapshotMode != null && b.snapshotMode.trim().equalsIgnoreCase("redo")) {
            w.add("--snapshot-mode=redo: kiln uses its walk snapshot (it compares every stat field, a superset of redo's)");
        }
        if (imageFormat != null) w.add("--image-format is not applied yet: kiln chooses the media types itself");
        if (!strayArguments.isEmpty()) w.add("ignored argument(s) " + strayArguments + " (no flag takes them; Kaniko ignores them too)");
    }

    /** {@code --annotation KEY=VALUE}s: annotations of the output image's manifest (Chainguard's and osscontainertools' Kaniko). */
    java.util.Map<String, String> annotations(picocli.CommandLine cl) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String a : annotations) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new picocli.CommandLine.ParameterException(cl, "invalid --annotation '" + a + "': expected KEY=VALUE");
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    /** {@code --image-format}: docker, oci, or null (inherit from the base image). */
    public String imageFormat() {
        return imageFormat;
    }

    /** The warnings noted by {@link #applyTo}. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
