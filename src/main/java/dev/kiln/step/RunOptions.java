package dev.kiln.step;

import dev.kiln.rootfs.InPlaceRoot;
import dev.kiln.rootfs.SingleSnapshot;

import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.Sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How RUN executes: the sandbox (made on first use, so builds without RUN need no runtime) and the snapshot
 * mode ({@code null} = auto: overlay where the kernel allows it, walk otherwise and for in-place).
 *
 * @param secrets        {@code --secret} values by id, for {@code RUN --mount=type=secret}
 * @param runCacheDir    where {@code RUN --mount=type=cache} directories persist across builds (null: a directory of
 *                       the build's work area, discarded with it)
 * @param inPlace        non-null for {@code --isolation in-place}: the stage rootfs is that root ({@code /})
 * @param singleSnapshot {@code --single-snapshot}: one snapshot for the RUNs of a stage ({@link SingleSnapshot})
 */
public record RunOptions(SandboxSupplier sandbox, SnapshotMode snapshotMode, List<String> ignorePaths,
                         Map<String, Secret> secrets, Path runCacheDir, InPlaceRoot inPlace, boolean singleSnapshot) {
    @FunctionalInterface
    public interface SandboxSupplier {
        Sandbox get() throws IOException;
    }

    public RunOptions {
        ignorePaths = ignorePaths == null ? List.of() : List.copyOf(ignorePaths);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    public RunOptions(SandboxSupplier sandbox, SnapshotMode snapshotMode, List<String> ignorePaths) {
        this(sandbox, snapshotMode, ignorePaths, Map.of(), null, null, false);
    }

    public RunOptions withSecrets(Map<String, Secret> s, Path cacheDir) {
        return new RunOptions(sandbox, snapshotMode, ignorePaths, s, cacheDir, inPlace, singleSnapshot);
    }

    public RunOptions withInPlace(InPlaceRoot root, boolean single) {
        return new RunOptions(sandbox, snapshotMode, ignorePaths, secrets, runCacheDir, root, single);
    }

    public static RunOptions unsupported() {
        return new RunOptions(() -> {
            throw new IOException("RUN needs a sandbox, none was configured");
        }, null, List.of());
    }
}
