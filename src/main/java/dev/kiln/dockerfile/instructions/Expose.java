package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code EXPOSE port[/proto] …}; unexpanded. */
public record Expose(SourceLocation location, List<String> ports) implements Instruction {
    public Expose {
        ports = List.copyOf(ports);
    }
}
