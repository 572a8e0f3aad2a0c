package dev.kiln.plan;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Which stages to build for the targets: each target and, transitively, the stages it depends on (its FROM stage,
 * {@code COPY --from} and {@code RUN --mount from=} stages). Unused stages are skipped (Kaniko's
 * {@code --skip-unused-stages}, always on). {@code target} is the last of {@code targets}, the image that is output.
 *
 * @param dependents for each planned stage, the planned stages that need it (its rootfs can go once they are built)
 */
public record BuildPlan(Stage target, List<Stage> stages, List<Stage> targets, Map<Integer, Set<Integer>> dependents) {
    public static BuildPlan of(Dockerfile df, String targetName, Function<Stage, String> baseName) {
        return of(df, targetName == null ? List.of() : List.of(targetName), baseName, UnaryOperator.identity());
    }

    /** @param expandFrom expands a {@code --from} value with the global ARGs */
    public static BuildPlan of(Dockerfile df, List<String> targetNames, Function<Stage, String> baseName, UnaryOperator<String> expandFrom) {
        if (df.stages().isEmpty()) throw new BuildException("Dockerfile contains no stages to build");
        List<Stage> targets = new ArrayList<>();
        for (String t : targetNames) if (t != null && !t.isEmpty()) targets.add(find(df, t));
        if (targets.isEmpty()) targets.add(df.stages().getLast());
        Set<Integer> needed = new TreeSet<>();
        Map<Integer, Set<Integer>> dependents = new LinkedHashMap<>();
        Deque<Stage> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            Stage cur = todo.pop();
            if (!needed.add(cur.index())) continue;
            for (int dep : StageRefs.dependencies(df, cur, baseName, expandFrom)) {
                dependents.computeIfAbsent(dep, k -> new TreeSet<>()).add(cur.index());
                todo.push(df.stages().get(dep));
            }
        }
        List<Stage> out = new ArrayList<>();
        for (int i : needed) out.add(df.stages().get(i));
        return new BuildPlan(targets.getLast(), out, List.copyOf(targets), dependents);
    }

    private static Stage find(Dockerfile df, String targetName) {
        return df.stages().stream()
                .filter(s -> s.name() != null && s.name().equalsIgnoreCase(targetName))
                .findFirst()
                .orElseThrow(() -> new BuildException("target stage \"" + targetName + "\" could not be found; stages are "
                        + df.stages().stream().map(s -> s.name() == null ? "#" + s.index() : s.name()).toList()));
    }

    /** The earlier stage called {@code name}, or null when the name is an image (see {@link StageRefs#stageNamed}). */
    public static Stage stageNamed(Dockerfile df, String name, int before) {
        return StageRefs.stageNamed(df, name, before);
    }

    /** The stages needing {@code index} (empty when none). */
    Set<Integer> dependentsOf(int index) {
        return dependents.getOrDefault(index, Set.of());
    }
}
