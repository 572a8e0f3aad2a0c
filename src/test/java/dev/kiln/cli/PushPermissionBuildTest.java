package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The push-permission check runs beside context preparation and base resolution, yet still stops the build first. */
class PushPermissionBuildTest {
    @TempDir Path tmp;

    @Test
    void aRefusedDestinationFailsBeforeAnyStepWithTheCheckNamed() throws Exception {
        String reg = TestEnv.registry();
        String authReg = TestEnv.authRegistry();
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{}}");
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("f.txt"), "x\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + reg + "/busybox:latest\nCOPY f.txt /f.txt\nRUN cat /f.txt\n");
        String dest = authReg + "/test/permission-denied:1";

        ToolResult r = Kiln.run(Map.of("DOCKER_CONFIG", docker.toString()),
                "build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull");
        assertNotEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("no push permission for " + authReg + "/test/permission-denied"), r.stderr());
        assertTrue(r.stderr().contains("--skip-push-permission-check"), r.stderr());
        assertFalse(r.stderr().contains("COPY f.txt"), "no step runs after a refused check:\n" + r.stderr());
    }
}
