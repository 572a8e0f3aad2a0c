package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * {@code RUN [--mount=…]… [--network=…] [--security=…] cmd}. Mount specs are kept raw (one string per
 * {@code --mount}, checked when parsed) and read by the RUN executor with
 * {@link dev.kiln.dockerfile.RunMounts#parseAll(List, java.util.function.UnaryOperator)} and the stage's word
 * expander; heredocs hold inline scripts/files.
 */
public record Run(SourceLocation location, CommandLine command, List<Heredoc> heredocs, List<String> mounts,
                  String network, String security) implements Instruction {
    public Run {
        heredocs = heredocs == null ? List.of() : List.copyOf(heredocs);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
}
