package dev.kiln.dockerfile.instructions;

import java.util.List;
import java.util.Map;

/** A parsed Dockerfile: its parser directives, the ARGs before the first FROM, and its stages. */
public record Dockerfile(Map<String, String> directives, List<Arg> metaArgs, List<Stage> stages) {
    public Dockerfile {
        directives = Map.copyOf(directives);
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    /** The escape character selected by the {@code # escape=} directive (backslash by default); pass it to the shell lexer. */
    public char escapeToken() {
        String e = directives.get("escape");
        return e == null || e.isEmpty() ? '\\' : e.charAt(0);
    }
}
