package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code VOLUME ["/a"]} or {@code VOLUME /a /b}; unexpanded. */
public record Volume(SourceLocation location, List<String> paths) implements Instruction {
    public Volume {
        paths = List.copyOf(paths);
    }
}
