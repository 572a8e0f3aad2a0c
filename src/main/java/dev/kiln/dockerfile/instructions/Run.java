package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * {@code RUN [--mount=…]… [--network=…] [--security=…] cmd}. Mount specs are kept raw (one string per
 * {@code --mount}) and parsed by the RUN executor; heredocs hold inline scripts/files.
 */
public record Run(SourceLocation location, CommandLine command, List<Heredoc> heredocs, List<String> mounts,
                  String network, String security) implements Instruction {
    public Run {
        heredocs = heredocs == null ? List.of() : List.copyOf(heredocs);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
}
