package dev.kiln.build;

import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.Sandbox;

import java.io.IOException;
import java.util.List;

/**
 * How RUN executes: the sandbox (made on first use, so builds without RUN need no runtime) and the snapshot
 * mode ({@code null} = auto: overlay where the kernel allows it, walk otherwise and for in-place).
 *
 * @param inPlace        non-null for {@code --isolation in-place}: the stage rootfs is that root ({@code /})
 * @param singleSnapshot {@code --single-snapshot}: one snapshot for the RUNs of a stage ({@link SingleSnapshot})
 */
public record RunOptions(SandboxSupplier sandbox, SnapshotMode snapshotMode, List<String> ignorePaths,
                         InPlaceRoot inPlace, boolean singleSnapshot) {
    @FunctionalInterface
    public interface SandboxSupplier {
        Sandbox get() throws IOException;
    }

    public RunOptions {
        ignorePaths = ignorePaths == null ? List.of() : List.copyOf(ignorePaths);
    }

    public RunOptions(SandboxSupplier sandbox, SnapshotMode snapshotMode, List<String> ignorePaths) {
        this(sandbox, snapshotMode, ignorePaths, null, false);
    }

    public static RunOptions unsupported() {
        return new RunOptions(() -> {
            throw new IOException("RUN needs a sandbox, none was configured");
        }, null, List.of());
    }
}
