package dev.kiln.context.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A build context ready on local disk: its directory (after {@code --context-sub-path}) and the Dockerfile to
 * read. {@link #close()} deletes what kiln downloaded or unpacked ({@code scratch}); a local directory is
 * never touched.
 *
 * @param scratch kiln's temporary directory for this context, or null when nothing was fetched
 */
public record ResolvedContext(Path root, Path dockerfile, Path scratch) implements AutoCloseable {
    public ResolvedContext {
        if (root == null || dockerfile == null) throw new IllegalArgumentException("null root or dockerfile");
    }

    @Override
    public void close() {
        if (scratch != null) deleteTree(scratch);
    }


    static void deleteTree(Path dir) {
        dev.kiln.fs.Trees.delete(dir);
    }
}
