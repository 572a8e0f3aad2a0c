package dev.kiln.attest.sbom;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which intermediate stages an SBOM also scans, decided as BuildKit does with {@code BUILDKIT_SBOM_SCAN_STAGE}: a
 * stage opts in by declaring {@code ARG BUILDKIT_SBOM_SCAN_STAGE=<value>} in its body, or all stages do through a
 * global {@code ARG} before the first FROM; {@code --build-arg BUILDKIT_SBOM_SCAN_STAGE=<value>} overrides the value
 * of such declarations only (a Dockerfile without one scans no intermediate stage). The value is {@code true},
 * {@code false} or a comma-separated list of stage names to scan. The value is taken literally (no substitution).
 * The final stage is the SBOM's subject and is never listed; a listed stage that is not built is not scanned.
 */
public final class ScanStages {
    public static final String ARG = "BUILDKIT_SBOM_SCAN_STAGE";

    private ScanStages() {}

    /**
     * @param targets the {@code --target} stages (the last is the output; empty: the last stage)
     * @return the indexes of the stages to scan besides the final image, ascending
     */
    public static Set<Integer> optedIn(Dockerfile df, Map<String, String> buildArgs, List<String> targets) {
        Set<Integer> out = new TreeSet<>();
        if (df.stages().isEmpty()) return out;
        String given = buildArgs.get(ARG);
        String global = declared(df.metaArgs(), given, null);
        Stage last = df.stages().getLast();
        String output = targets.isEmpty() ? null : targets.getLast();
        for (Stage st : df.stages()) {
            boolean isOutput = output == null ? st == last : output.equalsIgnoreCase(st.name());
            if (isOutput) continue;
            String v = declared(st.instructions(), given, global);
            if (enables(v, st.name())) out.add(st.index());
        }
        return out;
    }

    /** The value the last {@code ARG} declaring it gives, or {@code inherited} when none declares it. */
    private static String declared(List<? extends Instruction> instructions, String given, String inherited) {
        String v = inherited;
        for (Instruction i : instructions) {
            if (!(i instanceof Arg a)) continue;
            for (ArgDef d : a.args()) {
                if (d.name().equals(ARG)) v = given != null ? given : d.defaultValue() != null ? d.defaultValue() : inherited;
            }
        }
        return v;
    }

    static boolean enables(String value, String stageName) {
        if (value == null) return false;
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("false")) return false;
        if (v.equals("true")) return true;
        return stageName != null && Arrays.stream(v.split(",")).map(String::strip).anyMatch(stageName.toLowerCase(Locale.ROOT)::equals);
    }
}
