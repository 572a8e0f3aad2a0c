package dev.kiln.compat;

import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs kiln in its own JVM with the test classpath, as a user would. */
final class KilnProcess {
    private KilnProcess() {}

    static ToolResult run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.kiln.cli.Main");
        cmd.addAll(args);
        return Tools.run(Duration.ofMinutes(4), cmd);
    }
}
