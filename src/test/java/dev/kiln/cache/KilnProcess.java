package dev.kiln.cache;

import dev.kiln.cli.Main;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs kiln as a user would: a separate JVM with kiln's classpath and a real exit code. */
final class KilnProcess {
    private KilnProcess() {}

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
        return Tools.run(Duration.ofMinutes(5), command(args));
    }
}
