package dev.kiln.plan;

import dev.kiln.dockerfile.DockerfileException;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Instruction;

import java.util.List;

/**
 * ONBUILD triggers inherited from a base image or stage: parsed as Dockerfile instructions (as BuildKit does) and
 * dispatched before the stage's own instructions; the child's image does not inherit them.
 */
public final class OnBuildTriggers {
    private OnBuildTriggers() {}

    public static List<Instruction> parse(List<String> triggers, String baseName) {
        if (triggers == null || triggers.isEmpty()) return List.of();
        StringBuilder text = new StringBuilder("FROM scratch\n");
        for (String t : triggers) text.append(t).append('\n');
        Dockerfile df;
        try {
            df = DockerfileParser.parse(text.toString(), "ONBUILD trigger of " + baseName);
        } catch (DockerfileException | IllegalArgumentException e) {
            throw new BuildException("invalid ONBUILD trigger in " + baseName + ": " + e.getMessage(), e);
        }
        if (df.stages().size() != 1) throw new BuildException("ONBUILD triggers of " + baseName + " may not contain FROM");
        List<Instruction> out = df.stages().getFirst().instructions();
        for (Instruction in : out) {
            if (in instanceof From) throw new BuildException("ONBUILD triggers of " + baseName + " may not contain FROM");
        }
        return out;
    }
}
