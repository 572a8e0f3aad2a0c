package dev.kiln.step;

import java.io.IOException;
import java.nio.file.Path;

/** The filesystems {@code --from} values name: an earlier stage (name or index) or an image. */
public interface StageSources {
    /**
     * The root directory of what {@code rawRef} names, as seen from stage {@code stageIndex}.
     *
     * @param rawRef the {@code --from} value as written (expanded with the global ARGs here)
     */
    Path root(String rawRef, int stageIndex) throws IOException;

    /** A source tree over {@code root(rawRef, …)}; owners are kept. */
    default ContextSources tree(String rawRef, int stageIndex) throws IOException {
        return ContextSources.directory(root(rawRef, stageIndex), true);
    }

    StageSources NONE = (ref, i) -> {
        throw new IOException("--from=" + ref + " needs built stages, none are available here");
    };
}
