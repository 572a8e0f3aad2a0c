package dev.kiln.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunSpecTest {
    @Test
    void defaultsAndValidation() {
        RunSpec s = RunSpec.builder(Path.of("/r"), List.of("true")).build();
        assertEquals("", s.user());
        assertEquals("/", s.workdir());
        assertEquals(NetworkMode.DEFAULT, s.network());
        assertThrows(IllegalArgumentException.class, () -> RunSpec.builder(Path.of("/r"), List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> RunSpec.builder(Path.of("/r"), List.of("x")).env("NOEQ").build());
        assertThrows(IllegalArgumentException.class, () -> RunSpec.builder(Path.of("/r"), List.of("x")).workdir("rel").build());
        assertThrows(IllegalArgumentException.class, () -> RunSpec.builder(Path.of("/r"), List.of("x")).hostname("a b").build());
        assertThrows(IllegalArgumentException.class, () -> new BindMount(Path.of("/s"), "rel", true));
    }

    @Test
    void envGetsDefaultPathAndHome() {
        var u = new ResolvedUser("app", 1, 1, List.of(), "/home/app");
        assertEquals(List.of("A=1", "PATH=" + RunEnv.DEFAULT_PATH, "HOME=/home/app"), RunEnv.complete(List.of("A=1"), u));
        assertEquals(List.of("PATH=/x", "HOME=/h"), RunEnv.complete(List.of("PATH=/x", "HOME=/h"), u));
    }
}
