package dev.kiln.step;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.Event;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's warning for {@code --build-arg}s no ARG consumes: not declared before the first FROM nor in any
 * stage being built (proxy ARGs are predefined and never reported). A warning, not an error.
 */
public final class UnusedBuildArgs {
    private UnusedBuildArgs() {}

    static List<String> names(Dockerfile df, List<Stage> built, Map<String, String> buildArgs) {
        Set<String> declared = new HashSet<>();
        for (Arg a : df.metaArgs()) declare(declared, a);
        for (Stage st : built) {
            for (Instruction in : st.instructions()) if (in instanceof Arg a) declare(declared, a);
        }
        return buildArgs.keySet().stream().filter(n -> !declared.contains(n) && !ProxyArgs.isProxy(n)).sorted().toList();
    }

    /** {@code [Warning] One or more build-args [FOO BAR] were not consumed}, when there are any. */
    public static Optional<Event> warning(Dockerfile df, List<Stage> built, Map<String, String> buildArgs) {
        List<String> unused = names(df, built, buildArgs);
        if (unused.isEmpty()) return Optional.empty();
        return Optional.of(Event.warn("build-args",
                "[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed"));
    }

    private static void declare(Set<String> declared, Arg a) {
        for (ArgDef d : a.args()) declared.add(d.name());
    }
}
