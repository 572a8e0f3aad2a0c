package dev.kiln.cli;

import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs kiln as a user would: a separate JVM with kiln's classpath, its own environment, real exit code. */
final class Kiln {
    private Kiln() {}

    static ToolResult run(Map<String, String> env, String... args) {
        List<String> cmd = command(args);
        if (env.isEmpty()) return Tools.run(Duration.ofMinutes(5), cmd);
        List<String> withEnv = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> withEnv.add(k + "=" + v));
        withEnv.addAll(cmd);
        return Tools.run(Duration.ofMinutes(5), withEnv);
    }

    /** Starts kiln without waiting (stdin a pipe the caller holds, output discarded): for tests that kill it. */
    static Process start(Map<String, String> env, String... args) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The command line that runs kiln with these arguments. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ToolResult run(String... args) {
        return run(Map.of(), args);
    }
}
