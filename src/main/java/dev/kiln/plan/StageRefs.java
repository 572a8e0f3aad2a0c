package dev.kiln.plan;

import dev.kiln.dockerfile.RunMounts;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * References from one stage to others: FROM an earlier stage, {@code COPY --from=<name|index>} and
 * {@code RUN --mount from=<name|index>}. A {@code --from} that names no earlier stage is an image.
 */
public final class StageRefs {
    private StageRefs() {}

    static Set<Integer> dependencies(Dockerfile df, Stage st, Function<Stage, String> baseName, UnaryOperator<String> expandFrom) {
        Set<Integer> deps = new TreeSet<>();
        Stage parent = stageNamed(df, baseName.apply(st), st.index());
        if (parent != null) deps.add(parent.index());
        for (String from : fromRefs(st.instructions())) {
            Stage s = stage(df, expandFrom.apply(from), st.index());
            if (s != null) deps.add(s.index());
        }
        return deps;
    }

    /** The raw {@code --from} values of COPY and RUN --mount in these instructions. */
    static List<String> fromRefs(List<Instruction> instructions) {
        List<String> out = new ArrayList<>();
        for (Instruction in : instructions) {
            if (in instanceof Copy c && c.from() != null) out.add(c.from());
            if (in instanceof Run r) {
                for (String raw : r.mounts()) {
                    try {
                        RunMount m = RunMounts.parse(raw);
                        if (m.from() != null) out.add(m.from());
                    } catch (IllegalArgumentException e) {
                        // values with variables are checked when the RUN runs
                    }
                }
            }
        }
        return out;
    }

    /** The stage a {@code --from} value names (an index or a name of an earlier stage), or null for an image. */
    public static Stage stage(Dockerfile df, String ref, int before) {
        if (ref.matches("\\d+")) {
            int i;
            try {
                i = Integer.parseInt(ref);
            } catch (NumberFormatException e) {
                throw new BuildException("invalid stage index " + ref);
            }
            if (i >= before) {
                throw new BuildException("stage " + ref + " is not an earlier stage (a stage can only copy from stages before it)");
            }
            return df.stages().get(i);
        }
        return stageNamed(df, ref, before);
    }

    /** The earlier stage called {@code name}, or null when the name is an image. */
    public static Stage stageNamed(Dockerfile df, String name, int before) {
        if (name == null) return null;
        String n = name.toLowerCase(Locale.ROOT);
        for (Stage s : df.stages()) {
            if (s.index() >= before) break;
            if (s.name() != null && s.name().equals(n)) return s;
        }
        return null;
    }
}
