package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Pushing to a basic-auth registry with Docker's config.json from DOCKER_CONFIG; the secret never shows. */
class AuthPushTest {
    @TempDir Path tmp;

    @Test
    void pushesWithCredentialsFromDockerConfigAndNeverPrintsThem() throws Exception {
        String reg = TestEnv.registry();
        String authReg = TestEnv.authRegistry();
        String user = TestEnv.registryUser();
        String pass = TestEnv.registryPassword();
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + authReg + "\":{\"auth\":\"" + auth + "\"}}}");
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("f.txt"), "authed\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + reg + "/busybox:latest\nCOPY f.txt /f.txt\n");
        String dest = authReg + "/test/auth-push:1";

        ToolResult r = Kiln.run(Map.of("DOCKER_CONFIG", docker.toString()),
                "build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull", "--verbosity", "trace");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stdout().contains(pass) || r.stderr().contains(pass), "password leaked into output");
        assertFalse(r.stdout().contains(auth) || r.stderr().contains(auth), "auth token leaked into output");

        ToolResult inspect = Tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", user + ":" + pass, "docker://" + dest);
        assertEquals(0, inspect.exitCode(), inspect.toString());

        ToolResult denied = Kiln.run(Map.of("DOCKER_CONFIG", tmp.resolve("empty").toString()),
                "build", "-c", ctx.toString(), "-d", authReg + "/test/auth-denied:1", "--insecure", "--insecure-pull");
        assertEquals(1, denied.exitCode(), denied.toString());
        assertTrue(denied.stderr().contains("401") || denied.stderr().toLowerCase().contains("unauthorized"), denied.stderr());
    }
}
