package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude…] src… dest}. Null means flag absent. */
public record Copy(SourceLocation location, SourcesAndDest paths, String from, String chown, String chmod,
                   boolean link, boolean parents, List<String> excludes) implements Instruction {
    public Copy {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }
}
