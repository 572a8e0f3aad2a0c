package dev.kiln.cli;

import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.classfile.ClassFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * src/tools/UpgradeOldClasses.java, the package-time rewrite of picocli's Java 5 classes (so the AOT cache can hold
 * them, issue 12): every class comes out as version 52 or later, the JVM's own verifier accepts them (picocli runs
 * its own command from the rewritten jar), and a second run leaves the jar as it is.
 */
class UpgradeOldClassesTest {
    @TempDir Path tmp;

    @Test
    void picocliIsRewrittenAsVerifiableVersion52Classes() throws Exception {
        Path original = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = tmp.resolve("picocli.jar");
        Files.copy(original, jar);
        assertTrue(oldestMajor(jar) < 50, "the test starts from the Java 5 jar: " + original);

        upgrade(jar).requireOk();
        assertEquals(52, oldestMajor(jar));
        long mtime = Files.getLastModifiedTime(jar).toMillis();
        byte[] once = Files.readAllBytes(jar);
        upgrade(jar).requireOk();
        assertArrayEquals(once, Files.readAllBytes(jar), "a second run does not touch the jar");
        assertEquals(mtime, Files.getLastModifiedTime(jar).toMillis());

        // classes on the class path are verified by the JVM when linked: AutoComplete parses its own annotated command
        ToolResult r = Tools.run(java(), "-cp", jar.toString(), "picocli.AutoComplete", "--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("Usage:"), r.describe());
    }

    private static ToolResult upgrade(Path jar) {
        Path tool = Path.of(System.getProperty("kiln.basedir", "."), "src", "tools", "UpgradeOldClasses.java");
        return Tools.run(java(), tool.toString(), jar.toString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int oldestMajor(Path jar) throws Exception {
        int oldest = Integer.MAX_VALUE;
        try (JarFile f = new JarFile(jar.toFile())) {
            for (var e : java.util.Collections.list(f.entries())) {
                if (!e.getName().endsWith(".class") || e.getName().contains("module-info")) continue;
                try (var in = f.getInputStream(e)) {
                    oldest = Math.min(oldest, ClassFile.of().parse(in.readAllBytes()).majorVersion());
                }
            }
        }
        return oldest;
    }
}
