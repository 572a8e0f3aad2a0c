package dev.kiln.plan;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Platform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry images a Dockerfile's stages start FROM (global ARGs expanded; stage names and scratch left out), for {@code kiln warm --dockerfile}. */
public final class BaseImageNames {
    private BaseImageNames() {}

    public static List<String> of(Dockerfile df, Map<String, String> buildArgs, Platform platform, WordExpander words) {
        Map<String, String> globals = GlobalArgs.resolve(df.metaArgs(), buildArgs, platform, words);
        Set<String> out = new LinkedHashSet<>();
        for (Stage st : df.stages()) {
            String name = words.expand(st.from().image(), globals);
            if (name.isBlank() || name.equalsIgnoreCase("scratch")) continue;
            if (BuildPlan.stageNamed(df, name, st.index()) != null) continue;
            out.add(name);
        }
        return List.copyOf(out);
    }
}
