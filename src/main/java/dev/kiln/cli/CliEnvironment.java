package dev.kiln.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code build} and {@code warm} read from the environment the same way. */
final class CliEnvironment {
    private CliEnvironment() {}

    /** $DOCKER_CONFIG, else ~/.docker (Kaniko's executor image sets DOCKER_CONFIG=/kaniko/.docker). */
    static Path dockerConfigDir(Map<String, String> env, String userHome) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        return Path.of(userHome, ".docker");
    }

    /**
     * {@code --build-arg K=V} and {@code --build-arg K} (the value from the environment; left out when unset), in flag
     * order; an empty name is an {@link IllegalArgumentException}.
     */
    static Map<String, String> buildArgs(List<String> flags, Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : flags) {
            int eq = a.indexOf('=');
            if (eq == 0) throw new IllegalArgumentException("invalid --build-arg '" + a + "': empty name");
            if (eq > 0) m.put(a.substring(0, eq), a.substring(eq + 1));
            else if (env.get(a) != null) m.put(a, env.get(a));
        }
        return m;
    }
}
