package dev.kiln.rootfs;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a running kiln needs, which an in-place build must never delete: its install directory, the Java runtime
 * it runs on and every class path entry. Values come from the caller (the cli reads system properties).
 */
public final class KilnFiles {
    private KilnFiles() {}

    /** The directory holding kiln's code: the jar's directory, or the classes directory itself; null if unknown. */
    public static Path installDir(Class<?> kilnClass) {
        CodeSource cs = kilnClass.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) return null;
        try {
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code javaHome} and the entries of {@code classPath} (as java.class.path: separated by ':'). */
    public static List<Path> runtime(String javaHome, String classPath) {
        List<Path> out = new ArrayList<>();
        if (javaHome != null && !javaHome.isBlank()) out.add(Path.of(javaHome));
        if (classPath != null) {
            for (String e : classPath.split(java.io.File.pathSeparator)) {
                if (!e.isBlank()) out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }
}
