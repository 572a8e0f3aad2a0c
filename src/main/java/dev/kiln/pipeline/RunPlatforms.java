package dev.kiln.pipeline;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.GlobalArgs;
import dev.kiln.plan.WordExpander;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platforms the RUNs of a build execute for, found from the plan before anything is pulled: a stage runs for its
 * {@code FROM --platform} (expanded with the global ARGs, so {@code $BUILDPLATFORM} is the build machine's), else for
 * the platform of the stage it starts FROM, else for the build's target platform. Only the stages the target needs
 * count; a stage whose FROM cannot be expanded is left out (the build fails on it with its line).
 */
public final class RunPlatforms {
    private RunPlatforms() {}

    /** Each platform some needed stage RUNs for, with the first such RUN. */
    public static Map<Platform, SourceLocation> of(Dockerfile df, Builder.Options opts, WordExpander words) {
        Map<String, String> globals = GlobalArgs.resolve(df.metaArgs(), opts.buildArgs(), opts.platform(), words);
        BuildPlan plan;
        try {
            plan = BuildPlan.of(df, opts.targets(), st -> words.expand(st.from().image(), globals), ref -> words.expand(ref, globals));
        } catch (RuntimeException e) {
            return Map.of(); // the build reports the planning error with its line
        }
        Set<Integer> needed = plan.stages().stream().map(Stage::index).collect(Collectors.toSet());
        Map<Integer, Platform> stagePlatform = new HashMap<>();
        Map<Platform, SourceLocation> out = new LinkedHashMap<>();
        for (Stage st : df.stages()) {
            Platform p;
            try {
                p = platformOf(df, st, globals, words, opts.platform(), stagePlatform);
            } catch (RuntimeException e) {
                continue;
            }
            stagePlatform.put(st.index(), p);
            if (!needed.contains(st.index())) continue;
            for (Instruction i : st.instructions()) {
                if (i instanceof Run r) {
                    out.putIfAbsent(p, r.location());
                    break;
                }
            }
        }
        return out;
    }

    private static Platform platformOf(Dockerfile df, Stage st, Map<String, String> globals, WordExpander words,
                                       Platform target, Map<Integer, Platform> earlier) {
        if (st.from().platform() != null) return Platform.parse(words.expand(st.from().platform(), globals));
        Stage parent = BuildPlan.stageNamed(df, words.expand(st.from().image(), globals), st.index());
        if (parent != null && earlier.containsKey(parent.index())) return earlier.get(parent.index());
        return target;
    }
}
