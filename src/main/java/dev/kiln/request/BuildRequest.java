package dev.kiln.request;

import dev.kiln.output.Outputs;
import dev.kiln.step.Secret;
import dev.kiln.cache.CacheOptions;
import dev.kiln.context.source.ContextRequest;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.run.Isolation;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code kiln build} needs, made once from the command line and the environment by {@code cli} and
 * validated there: the parts below {@code cli} take this record or one of its parts, never flags or environment.
 *
 * @param context        where the context and the Dockerfile come from
 * @param platforms      the platforms to build, at least one ({@code --custom-platform a,b}): one gives an image,
 *                       several an image index with an image per platform
 * @param buildArgs      {@code --build-arg}s, bare names already looked up in the environment (in flag order)
 * @param labels         {@code --label}s (in flag order)
 * @param targets        {@code --target}s; the last one is the output image (empty: the last stage)
 * @param outputs        destinations and files the image is written to
 * @param registry       registry access (TLS, mirrors, retries, certificates)
 * @param dockerConfig   the directory of Docker's {@code config.json} (credentials)
 * @param skipPushCheck  {@code --skip-push-permission-check}
 * @param run            how RUN executes
 * @param cache          layer cache and base-image cache
 * @param dryRun         {@code --dryrun}: plan only
 * @param compression    how new layers are compressed
 */
public record BuildRequest(ContextRequest context, List<Platform> platforms, Map<String, String> buildArgs,
                           Map<String, String> labels, List<String> targets, boolean reproducible,
                           Outputs.Spec outputs, RegistryOptions registry, Path dockerConfig, boolean skipPushCheck,
                           Run run, Cache cache, boolean dryRun, LayerCompression compression, int jobs) {
    public BuildRequest {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(context, "context");
        platforms = List.copyOf(platforms);
        if (platforms.isEmpty()) throw new IllegalArgumentException("a build needs at least one platform");
        if (new java.util.HashSet<>(platforms).size() != platforms.size()) {
            throw new IllegalArgumentException("platform given twice in " + platforms);
        }
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(dockerConfig, "dockerConfig");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(cache, "cache");
        buildArgs = ordered(buildArgs);
        labels = ordered(labels);
        targets = List.copyOf(targets);
        if (!dryRun && outputs.push() && outputs.destinations().isEmpty()) {
            throw new IllegalArgumentException("You must provide --destination, or use --no-push");
        }
    }

    /** The first platform: the only one of a single-platform build. */
    public Platform platform() {
        return platforms.getFirst();
    }

    /** Whether this build makes an image index ({@code --custom-platform} with several platforms). */
    public boolean multiPlatform() {
        return platforms.size() > 1;
    }

    /**
     * How RUN executes.
     *
     * @param snapshotMode   null: auto
     * @param kilnDir        kiln's own files (kept by in-place builds), or null when unknown
     * @param runCacheDir    where {@code RUN --mount=type=cache} directories persist (absolute)
     * @param cacheKeep      what an in-place build keeps for kiln's caches: the given run cache dir, or {@code ~/.cache/kiln}
     */
    public record Run(Isolation isolation, SnapshotMode snapshotMode, List<String> ignorePaths, boolean ignoreVarRun,
                      boolean force, boolean singleSnapshot, boolean cleanup, Path kilnDir,
                      Map<String, Secret> secrets, Path runCacheDir, Path cacheKeep) {
        public Run {
            Objects.requireNonNull(isolation, "isolation");
            Objects.requireNonNull(runCacheDir, "runCacheDir");
            Objects.requireNonNull(cacheKeep, "cacheKeep");
            ignorePaths = List.copyOf(ignorePaths);
            secrets = ordered(secrets);
        }

        /** The paths never snapshotted: {@code --ignore-path}s, and {@code /var/run} unless {@code --ignore-var-run=false}. */
        public List<String> snapshotIgnores() {
            if (!ignoreVarRun) return ignorePaths;
            var l = new java.util.ArrayList<>(ignorePaths);
            l.add("/var/run");
            return List.copyOf(l);
        }
    }

    /**
     * The caches.
     *
     * @param wanted       {@code --cache}
     * @param layers       where the layer cache lives: null without {@code --cache}, or when neither {@code --cache-repo}
     *                     nor a destination gives a place for it
     * @param baseImageDir {@code --cache-dir} (filled by {@code kiln warm}), or null
     */
    public record Cache(boolean wanted, LayerCacheLocation layers, Path baseImageDir, CacheOptions options) {
        public Cache {
            Objects.requireNonNull(options, "options");
        }
    }

    /** Where the layer cache is: a registry repository or an OCI layout directory. */
    public sealed interface LayerCacheLocation {
        record Repository(Reference repository) implements LayerCacheLocation {}

        record OciDirectory(Path dir) implements LayerCacheLocation {}
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
