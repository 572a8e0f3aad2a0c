package dev.kiln.run;

import java.util.ArrayList;
import java.util.List;

/** The environment a RUN sees: the stage's ENV plus Docker's default PATH and the user's HOME when they are missing. */
public final class RunEnv {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private RunEnv() {}

    public static List<String> complete(List<String> env, ResolvedUser user) {
        List<String> out = new ArrayList<>(env);
        if (!has(env, "PATH")) out.add("PATH=" + DEFAULT_PATH);
        if (!has(env, "HOME")) out.add("HOME=" + user.home());
        return List.copyOf(out);
    }

    private static boolean has(List<String> env, String key) {
        return env.stream().anyMatch(e -> e.startsWith(key + "="));
    }
}
