package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerDetectorTest {
    @TempDir
    Path root;

    @Test
    void aPlainHostIsNoContainer() throws IOException {
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/cgroup"), "0::/init.scope\n");
        assertNull(new ContainerDetector(root, Map.of()).containerEvidence());
        assertFalse(new ContainerDetector(root, Map.of(ContainerDetector.IN_CONTAINER_ENV, "0")).inContainer());
    }

    @Test
    void markersCgroupsOverlayRootAndEnv() throws IOException {
        assertTrue(new ContainerDetector(root, Map.of(ContainerDetector.IN_CONTAINER_ENV, "1")).inContainer());
        var exec = new ContainerDetector(root, Map.of(ContainerDetector.EXECUTOR_IMAGE_ENV, "1"));
        assertTrue(exec.inContainer());
        assertTrue(exec.executorImage());

        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/cgroup"), "12:pids:/kubepods/besteffort/pod1/abc\n");
        assertEquals("/proc/1/cgroup names a container runtime", new ContainerDetector(root, Map.of()).containerEvidence());
        Files.delete(root.resolve("proc/1/cgroup"));

        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"),
                "1234 1200 0:52 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/a,upperdir=/b,workdir=/c\n");
        assertEquals("the root filesystem is an overlay mount", new ContainerDetector(root, Map.of()).containerEvidence());
        Files.delete(root.resolve("proc/self/mountinfo"));

        Files.createFile(root.resolve(".dockerenv"));
        assertEquals("/.dockerenv exists", new ContainerDetector(root, Map.of()).containerEvidence());
    }
}
