package dev.kiln.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Processes start with fork only where an in-place build can happen (issue 12: fork made later page writes fault). */
class LaunchMechanismTest {
    @Test
    void forkOnlyForInPlaceBuilds() {
        assertTrue(BuildCommand.inPlacePossible("build", "--isolation", "in-place", "--force"));
        assertTrue(BuildCommand.inPlacePossible("build", "--isolation=in-place"));
        boolean executorImage = System.getenv("KILN_EXECUTOR_IMAGE") != null;
        assertEquals(executorImage, BuildCommand.inPlacePossible("build", "--context", ".", "--isolation", "chroot"),
                "elsewhere only in kiln's executor image (KILN_EXECUTOR_IMAGE, read from /proc/self/environ)");
    }
}
