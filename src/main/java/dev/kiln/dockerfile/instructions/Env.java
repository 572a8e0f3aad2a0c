package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code ENV k=v …} (or legacy {@code ENV k v}); values unexpanded. */
public record Env(SourceLocation location, List<KeyValue> vars) implements Instruction {
    public Env {
        vars = List.copyOf(vars);
    }
}
