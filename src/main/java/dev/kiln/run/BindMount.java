package dev.kiln.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An extra bind mount for one RUN (as {@code RUN --mount=type=bind|cache|secret} end up): a host path
 * {@code source} appears at the absolute container path {@code target}.
 */
public record BindMount(Path source, String target, boolean readonly) {
    public BindMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) throw new IllegalArgumentException("mount target must be absolute: " + target);
        if (target.equals("/")) throw new IllegalArgumentException("cannot mount over the root directory: " + source);
    }
}
