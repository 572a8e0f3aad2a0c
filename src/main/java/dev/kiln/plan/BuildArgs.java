package dev.kiln.plan;

import java.util.Map;

/**
 * Build argument values: those given on the command line ({@code --build-arg}) and the global ARGs
 * declared before the first FROM, already resolved. Immutable.
 */
public record BuildArgs(Map<String, String> cli, Map<String, String> global) {
    public BuildArgs {
        cli = Map.copyOf(cli);
        global = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(global));
    }
}
