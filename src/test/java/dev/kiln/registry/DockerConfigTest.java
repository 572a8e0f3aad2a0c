package dev.kiln.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class DockerConfigTest {
    @TempDir Path dir;

    private DockerConfig write(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return DockerConfig.load(dir, dir);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingFileMeansNoCredentials() throws IOException {
        assertEquals(Optional.empty(), DockerConfig.load(dir).lookup("docker.io"));
    }

    @Test
    void authKeysInAllSpellings() throws IOException {
        DockerConfig c = write("""
                {"auths": {
                  "plain.example:5000": {"auth": "%s"},
                  "https://tls.example": {"auth": "%s"},
                  "https://v1.example/v1/": {"username": "u3", "password": "p3"},
                  "http://old.example:81/v2/": {"auth": "%s"},
                  "https://index.docker.io/v1/": {"auth": "%s"}
                }}""".formatted(b64("u1:p1"), b64("u2:p:with:colons"), b64("u4:p4"), b64("hub:hubpw")));
        assertEquals(new Credential.Basic("u1", "p1"), c.lookup("plain.example:5000").orElseThrow());
        assertEquals(new Credential.Basic("u2", "p:with:colons"), c.lookup("tls.example").orElseThrow());
        assertEquals(new Credential.Basic("u3", "p3"), c.lookup("v1.example").orElseThrow());
        assertEquals(new Credential.Basic("u4", "p4"), c.lookup("old.example:81").orElseThrow());
        assertEquals(new Credential.Basic("hub", "hubpw"), c.lookup("docker.io").orElseThrow());
        assertEquals(Optional.empty(), c.lookup("unknown.example"));
    }

    @Test
    void dockerHubAliases() throws IOException {
        for (String key : new String[] {"docker.io", "index.docker.io", "registry-1.docker.io", "https://registry-1.docker.io/v2/"}) {
            DockerConfig c = write("{\"auths\":{\"" + key + "\":{\"auth\":\"" + b64("a:b") + "\"}}}");
            assertEquals(new Credential.Basic("a", "b"), c.lookup("docker.io").orElseThrow(), key);
        }
    }

    @Test
    void identityToken() throws IOException {
        DockerConfig c = write("{\"auths\":{\"reg.example\":{\"auth\":\"\",\"identitytoken\":\"refresh-me\"}}}");
        assertEquals(new Credential.IdentityToken("refresh-me"), c.lookup("reg.example").orElseThrow());
    }

    @Test
    void emptyEntryAndBadBase64() throws IOException {
        assertEquals(Optional.empty(), write("{\"auths\":{\"reg.example\":{}}}").lookup("reg.example"));
        IOException e = assertThrows(IOException.class,
                () -> write("{\"auths\":{\"reg.example\":{\"auth\":\"%%%\"}}}").lookup("reg.example"));
        assertTrue(e.getMessage().contains("reg.example"), e.getMessage());
        assertTrue(assertThrows(IOException.class, () -> write("{nope")).getMessage().contains("config.json"));
    }

    @Test
    void credentialHelpersAndStore() throws IOException {
        helper("kilntest", """
                read server
                case "$server" in
                  helped.example) echo '{"ServerURL":"helped.example","Username":"hu","Secret":"hs"}' ;;
                  tok.example) echo '{"ServerURL":"tok.example","Username":"<token>","Secret":"idt"}' ;;
                  https://index.docker.io/v1/) echo '{"Username":"hub","Secret":"hubsecret"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """);
        DockerConfig c = write("""
                {"auths": {"helped.example": {"auth": "%s"}, "stored.example": {}},
                 "credHelpers": {"helped.example": "kilntest", "tok.example": "kilntest", "https://index.docker.io/v1/": "kilntest"},
                 "credsStore": "kilntest"}""".formatted(b64("ignored:ignored")));
        assertEquals(new Credential.Basic("hu", "hs"), c.lookup("helped.example").orElseThrow());
        assertEquals(new Credential.IdentityToken("idt"), c.lookup("tok.example").orElseThrow());
        assertEquals(new Credential.Basic("hub", "hubsecret"), c.lookup("docker.io").orElseThrow());
        assertEquals(Optional.empty(), c.lookup("stored.example"), "store says not found");
    }

    @Test
    void failingHelperIsAClearError() throws IOException {
        helper("broken", "echo 'boom: backend locked' >&2; exit 3\n");
        DockerConfig c = write("{\"credHelpers\":{\"x.example\":\"broken\"}}");
        IOException e = assertThrows(IOException.class, () -> c.lookup("x.example"));
        assertTrue(e.getMessage().contains("docker-credential-broken"), e.getMessage());
        assertTrue(e.getMessage().contains("exited 3"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());

        DockerConfig missing = write("{\"credHelpers\":{\"x.example\":\"absent\"}}");
        assertTrue(assertThrows(IOException.class, () -> missing.lookup("x.example")).getMessage()
                .contains("docker-credential-absent"));
    }

    @Test
    void secretsNeverInToString() throws IOException {
        assertFalse(new Credential.Basic("user", "s3cr3t").toString().contains("s3cr3t"));
        assertTrue(new Credential.Basic("user", "s3cr3t").toString().contains("user"));
        assertFalse(new Credential.IdentityToken("t0k3n").toString().contains("t0k3n"));
        DockerConfig c = write("{\"auths\":{\"r\":{\"auth\":\"" + b64("u:s3cr3t") + "\"}}}");
        assertFalse(c.toString().contains("s3cr3t"));
        assertFalse(c.toString().contains(b64("u:s3cr3t")));
    }

    @Test
    void basicHeader() {
        assertEquals("Basic " + b64("kiln:kiln-secret"), new Credential.Basic("kiln", "kiln-secret").header());
    }

    @Test
    void credentialsCombinators() throws IOException {
        Credentials a = Credentials.of(java.util.Map.of("a", new Credential.Basic("x", "y")));
        Credentials b = Credentials.of(java.util.Map.of("b", new Credential.IdentityToken("t")));
        Credentials both = a.orElse(b);
        assertTrue(both.lookup("a").isPresent());
        assertTrue(both.lookup("b").isPresent());
        assertTrue(both.lookup("c").isEmpty());
        assertTrue(Credentials.NONE.lookup("a").isEmpty());
    }

    private void helper(String name, String script) throws IOException {
        Path p = dir.resolve("docker-credential-" + name);
        Files.writeString(p, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
