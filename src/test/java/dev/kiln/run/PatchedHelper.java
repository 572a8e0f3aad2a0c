package dev.kiln.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A copy of the running JDK's jspawnhelper with another loader, as executor/build.sh makes one (patchelf). */
public final class PatchedHelper {
    private PatchedHelper() {
    }

    /** {@code javaHome/lib/jspawnhelper}, whose ELF interpreter is {@code loader}; skips without patchelf. */
    public static Path in(Path javaHome, Path loader) throws Exception {
        assumeTrue(onPath("patchelf"), "patchelf (bin/test and executor/build.sh install it)");
        Path helper = SpawnHelper.of(javaHome.toString());
        Files.createDirectories(helper.getParent());
        Files.copy(SpawnHelper.of(System.getProperty("java.home")), helper, StandardCopyOption.COPY_ATTRIBUTES);
        Process p = new ProcessBuilder("patchelf", "--set-interpreter", loader.toString(), helper.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return helper;
    }

    /** The host's loader copied to {@code dir/ld.so}, as executor/build.sh copies it to /kiln/glibc. */
    public static Path loaderIn(Path dir) throws Exception {
        Path host = SpawnHelper.interpreter(SpawnHelper.of(System.getProperty("java.home"))).orElseThrow();
        return Files.copy(host, Files.createDirectories(dir).resolve("ld.so"));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
