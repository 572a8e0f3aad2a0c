package dev.kiln.cli;

import dev.kiln.run.PatchedHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Processes start with fork only where the JDK's spawn helper cannot run, now or once an in-place build has made /
 * the image (issue 12: fork made later page writes fault).
 */
class LaunchMechanismTest {
    @TempDir Path tmp;

    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final Map<String, String> EXECUTOR = Map.of("KILN_EXECUTOR_IMAGE", "1");

    @Test
    void theHostsJdkForksOnlyForInPlaceBuilds() {
        assertTrue(ProcessLaunch.forkNeeded(Map.of(), JDK, "build", "--isolation", "in-place", "--force"));
        assertTrue(ProcessLaunch.forkNeeded(Map.of(), JDK, "build", "--isolation=in-place"));
        assertTrue(ProcessLaunch.forkNeeded(EXECUTOR, JDK, "build", "--context", "."), "KILN_EXECUTOR_IMAGE: in place by default");
        assertFalse(ProcessLaunch.forkNeeded(Map.of(), JDK, "build", "--context", ".", "--isolation", "chroot"));
        assertFalse(ProcessLaunch.forkNeeded(Map.of("PATH", "/bin"), JDK));
    }

    @Test
    void theExecutorImagesHelperOnKilnsOwnLoaderIsKeptInUse() throws Exception {
        Path kiln = tmp.resolve("kiln");
        Path jre = kiln.resolve("jre");
        PatchedHelper.in(jre, PatchedHelper.loaderIn(kiln.resolve("glibc")));
        Map<String, String> env = Map.of("KILN_EXECUTOR_IMAGE", "1", "KILN_DIR", kiln.toString());
        assertFalse(ProcessLaunch.forkNeeded(env, jre, "build"), "its loader is under $KILN_DIR, which in-place builds keep");
        assertTrue(ProcessLaunch.forkNeeded(EXECUTOR, jre, "build"), "without KILN_DIR the loader would be deleted");
        assertFalse(ProcessLaunch.forkNeeded(Map.of(), jre, "build"));
    }

    @Test
    void aHelperThatCannotRunMeansFork() throws Exception {
        Path moved = tmp.resolve("opt/kiln/jre"); // the executor's runtime copied elsewhere: /kiln/glibc/ld.so is not there
        PatchedHelper.in(moved, Path.of("/kiln-absent/glibc/ld.so"));
        assertTrue(ProcessLaunch.forkNeeded(Map.of(), moved, "build", "--isolation", "chroot"));
        Path noHelper = Files.createDirectories(tmp.resolve("jlinked/lib"));
        assertTrue(ProcessLaunch.forkNeeded(Map.of(), noHelper.getParent(), "build"));
    }

    @Test
    void environFromProc() {
        assertEquals(System.getenv("PATH"), ProcessLaunch.environ().get("PATH"));
    }
}
