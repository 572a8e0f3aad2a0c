package dev.kiln.cli;

import dev.kiln.rootfs.KilnFiles;
import dev.kiln.run.ContainerDetector;
import dev.kiln.run.SpawnHelper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the JVM starts processes (RUN, mount, unshare, ...). The JDK's default on Linux, posix_spawn, runs its
 * dynamically linked helper {@code <java.home>/lib/jspawnhelper} first; fork+exec needs nothing from /. fork costs:
 * every page the JVM had written before faults once more when next written (copy-on-write marks), measured on this
 * VM: 26 ms per fork, then 700 ms to write 200 MB again (posix_spawn: 7 ms, 1 ms), young GC pauses of 200 ms after a
 * RUN. So processes start with fork only where the helper cannot run: its dynamic loader is missing (kiln's executor
 * runtime, whose helper's loader is /kiln/glibc/ld.so, copied to another path or into another image), or an in-place
 * build can happen ({@code KILN_EXECUTOR_IMAGE} in the environment, or {@code in-place} among the arguments) and the
 * loader is not among what in-place builds keep (java.home, $KILN_DIR, kiln's install dir): the host's loader is gone
 * once / is the image. In kiln's executor image the helper therefore stays in use.
 * The JDK reads the property once, when the first process starts or System.getenv() is first used, so the
 * environment is read from /proc here, before anything else runs ({@link Main#main}; the build command's class
 * calls this too, without arguments).
 */
final class ProcessLaunch {
    static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private ProcessLaunch() {
    }

    /** Sets FORK unless the property is set already or the helper can run (see above). */
    static void choose(String... args) {
        if (System.getProperty(PROPERTY) != null) return;
        if (forkNeeded(environ(), Path.of(System.getProperty("java.home")), args)) System.setProperty(PROPERTY, "FORK");
    }

    static boolean forkNeeded(Map<String, String> env, Path javaHome, String... args) {
        Path helper = SpawnHelper.of(javaHome.toString());
        if (!inPlacePossible(env, args)) return !SpawnHelper.runs(helper);
        List<String> kept = new ArrayList<>(List.of(javaHome.toString()));
        String kilnDir = env.get("KILN_DIR");
        if (kilnDir != null && !kilnDir.isBlank()) kept.add(kilnDir);
        Path install = KilnFiles.installDir(ProcessLaunch.class);
        if (install != null) kept.add(install.toString());
        return !SpawnHelper.survivesInPlace(helper, kept);
    }

    static boolean inPlacePossible(Map<String, String> env, String... args) {
        for (String a : args) {
            if (a.contains("in-place")) return true;
        }
        return env.containsKey(ContainerDetector.EXECUTOR_IMAGE_ENV);
    }

    /** This process's environment from /proc (System.getenv() would fix the launch mechanism); unreadable: KILN_EXECUTOR_IMAGE=1. */
    static Map<String, String> environ() {
        Map<String, String> env = new HashMap<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.ISO_8859_1);
            for (String kv : all.split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } catch (IOException | RuntimeException e) {
            env.put(ContainerDetector.EXECUTOR_IMAGE_ENV, "1"); // unknown: fork is slower, never wrong
        }
        return env;
    }
}
