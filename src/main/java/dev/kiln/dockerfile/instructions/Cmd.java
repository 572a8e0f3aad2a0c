package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code CMD}. */
public record Cmd(SourceLocation location, CommandLine command, List<Heredoc> heredocs) implements Instruction {
    public Cmd {
        heredocs = heredocs == null ? List.of() : List.copyOf(heredocs);
    }
}
