package dev.kiln.dockerfile.instructions;

import java.util.List;

/** COPY/ADD operands: source paths (unexpanded), inline heredoc sources, and the destination. */
public record SourcesAndDest(List<String> sources, List<Heredoc> heredocs, String dest) {
    public SourcesAndDest {
        sources = List.copyOf(sources);
        heredocs = heredocs == null ? List.of() : List.copyOf(heredocs);
    }
}
