package dev.kiln.build;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Which stages to build for a target: the target and, transitively, the stages it starts FROM. */
record BuildPlan(Stage target, List<Stage> stages) {
    static BuildPlan of(Dockerfile df, String targetName, java.util.function.Function<Stage, String> baseName) {
        if (df.stages().isEmpty()) throw new BuildException("Dockerfile contains no stages to build");
        Stage target = df.stages().getLast();
        if (targetName != null && !targetName.isEmpty()) {
            target = df.stages().stream()
                    .filter(s -> s.name() != null && s.name().equalsIgnoreCase(targetName))
                    .findFirst()
                    .orElseThrow(() -> new BuildException("target stage \"" + targetName + "\" could not be found; stages are "
                            + df.stages().stream().map(s -> s.name() == null ? "#" + s.index() : s.name()).toList()));
        }
        Set<Integer> needed = new TreeSet<>();
        Stage cur = target;
        while (cur != null && needed.add(cur.index())) {
            cur = stageNamed(df, baseName.apply(cur), cur.index());
        }
        List<Stage> out = new ArrayList<>();
        for (int i : needed) out.add(df.stages().get(i));
        return new BuildPlan(target, out);
    }

    /** The earlier stage called {@code name}, or null when the name is an image. */
    static Stage stageNamed(Dockerfile df, String name, int before) {
        if (name == null) return null;
        String n = name.toLowerCase(Locale.ROOT);
        for (Stage s : df.stages()) {
            if (s.index() >= before) break;
            if (s.name() != null && s.name().equals(n)) return s;
        }
        return null;
    }
}
