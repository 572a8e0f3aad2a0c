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
}
