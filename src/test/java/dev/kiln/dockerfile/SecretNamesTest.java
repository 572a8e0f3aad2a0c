package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Dockerfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SecretNamesTest {
    @Test
    void namesWithASecretWordAndNoAllowedWord() {
        for (String n : List.of("PASSWORD", "db_password", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "api_key", "APIKEY", "auth",
                "NPM_AUTH_TOKEN", "my_credentials", "pword", "Passwd")) {
            assertTrue(SecretNames.looksSecret(n), n);
        }
        for (String n : List.of("KEYBOARD", "PUBLIC_KEY", "TOKEN_FILE", "KEY_VERSION", "PASSWORDS", "AUTHOR", "VERSION", "monkey")) {
            assertFalse(SecretNames.looksSecret(n), n);
        }
    }

    @Test
    void everyArgAndEnvIsCheckedWithItsLine() {
        Dockerfile df = DockerfileParser.parse("ARG GITHUB_TOKEN\nFROM scratch\nARG PASSWORD PUBLIC_KEY\n"
                + "ENV DB_PASSWORD=x KEYBOARD=z\nFROM scratch AS two\nENV AUTH y\n", "prod.Dockerfile");
        List<String> found = SecretNames.check(df).stream().map(f -> f.location().where() + " " + f.message()).toList();
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("prod.Dockerfile:1 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG \"GITHUB_TOKEN\")"), found.get(0));
        assertTrue(found.get(1).startsWith("prod.Dockerfile:3 ") && found.get(1).contains("(ARG \"PASSWORD\")"), found.get(1));
        assertTrue(found.get(2).startsWith("prod.Dockerfile:4 ") && found.get(2).contains("(ENV \"DB_PASSWORD\")"), found.get(2));
        assertTrue(found.get(3).startsWith("prod.Dockerfile:6 ") && found.get(3).contains("(ENV \"AUTH\")"), found.get(3));
    }

    @Test
    void theCheckDirectiveSkipsIt() {
        assertEquals(List.of(), SecretNames.check(DockerfileParser.parse("# check=skip=SecretsUsedInArgOrEnv\nFROM scratch\nARG TOKEN\n", null)));
        assertEquals(List.of(), SecretNames.check(DockerfileParser.parse("# check=skip=all\nFROM scratch\nARG TOKEN\n", null)));
        assertEquals(1, SecretNames.check(DockerfileParser.parse("# check=skip=JSONArgsRecommended\nFROM scratch\nARG TOKEN\n", null)).size());
    }
}
