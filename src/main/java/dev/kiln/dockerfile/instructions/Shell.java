package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code SHELL ["executable", "params"]}. */
public record Shell(SourceLocation location, List<String> shell) implements Instruction {
    public Shell {
        shell = List.copyOf(shell);
    }
}
