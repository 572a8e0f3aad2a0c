package dev.kiln.run;

import dev.kiln.testsupport.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A copy of the running JDK's jspawnhelper with another loader, as executor/build.sh makes one (patchelf). */
public final class PatchedHelper {
    private PatchedHelper() {
    }

    /** {@code javaHome/lib/jspawnhelper}, whose ELF interpreter is {@code loader} (patchelf: bin/test installs it). */
    public static Path in(Path javaHome, Path loader) throws Exception {
        Tools.requireTool("patchelf");
        Path helper = SpawnHelper.of(javaHome.toString());
        Files.createDirectories(helper.getParent());
        Files.copy(SpawnHelper.of(System.getProperty("java.home")), helper, StandardCopyOption.COPY_ATTRIBUTES);
        Tools.run("patchelf", "--set-interpreter", loader.toString(), helper.toString()).requireOk();
        return helper;
    }

    /** The host's loader copied to {@code dir/ld.so}, as executor/build.sh copies it to /kiln/glibc. */
    public static Path loaderIn(Path dir) throws Exception {
        Path host = SpawnHelper.interpreter(SpawnHelper.of(System.getProperty("java.home"))).orElseThrow();
        return Files.copy(host, Files.createDirectories(dir).resolve("ld.so"));
    }
}
