package dev.kiln.dockerfile.fuzz;

import dev.kiln.dockerfile.DockerfileException;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that used to overflow the stack (found by fuzzing with deep nesting): now clean results or our errors. */
class PathologicalInputsTest {
    private static final int DEEP = 20_000;

    private static Dockerfile parse(String text) {
        return DockerfileParser.parse(text, "Dockerfile");
    }

    @Test
    void deeplyNestedJsonFallsBackOrIsRejectedLikeGo() {
        // unterminated: not JSON, so shell form (BuildKit falls back the same way)
        Cmd c = (Cmd) parse("FROM a\nCMD " + "[".repeat(DEEP) + "\n").stages().getFirst().instructions().getFirst();
        assertEquals(new CommandLine(List.of("[".repeat(DEEP)), true), c.command());
        // valid but nested: not an array of strings
        String nested = "[".repeat(9_999) + "]".repeat(9_999);
        DockerfileException e = assertThrows(DockerfileException.class, () -> parse("FROM a\nCMD " + nested + "\n"));
        assertTrue(e.getMessage().endsWith("arrays must be comprised of strings only"), e.getMessage());
        // deeper than Go's decoder accepts: invalid JSON, so shell form
        String tooDeep = "[".repeat(10_001) + "]".repeat(10_001);
        Cmd deep = (Cmd) parse("FROM a\nCMD " + tooDeep + "\n").stages().getFirst().instructions().getFirst();
        assertTrue(deep.command().prependShell());
        // objects are valid JSON too (not strings); a broken object is no JSON (shell form)
        assertThrows(DockerfileException.class, () -> parse("FROM a\nCMD [\"a\", {\"k\": [1, {\"x\": null}]}]\n"));
        Cmd broken = (Cmd) parse("FROM a\nCMD [\"a\", {\"k\" [1]}]\n").stages().getFirst().instructions().getFirst();
        assertEquals(List.of("[\"a\", {\"k\" [1]}]"), broken.command().args());
    }

    @Test
    void onbuildChains() {
        DockerfileException e = assertThrows(DockerfileException.class, () -> parse("FROM a\n" + "ONBUILD ".repeat(5_000) + "RUN x\n"));
        assertEquals("Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", e.getMessage());
        e = assertThrows(DockerfileException.class, () -> parse("FROM a\nONBUILD ONBUILD RUN x\n"));
        assertEquals("Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", e.getMessage());
    }

    @Test
    void deeplyNestedSubstitutions() {
        ShellLex lex = new ShellLex('\\');
        String deep = "${A:-".repeat(DEEP) + "x" + "}".repeat(DEEP);
        ShellExpansionException e = assertThrows(ShellExpansionException.class, () -> lex.processWord(deep, Map.of()));
        assertTrue(e.getMessage().endsWith("syntax error: substitutions nested more than 200 deep"), e.getMessage().substring(0, 100));
        String ok = "${A:-".repeat(150) + "x" + "}".repeat(150);
        assertEquals("x", lex.processWord(ok, Map.of()));
        // a heredoc marker that cannot be read as a word is no heredoc
        assertThrows(DockerfileException.class, () -> parse("FROM a\nRUN <<" + deep + "\nx\n"));
    }

    @Test
    void hugeInputsStayLinear() {
        parse("FROM a\nRUN a" + " \\\n b".repeat(100_000) + "\n");
        parse("FROM a\nENV " + "a=b ".repeat(100_000) + "\n");
        parse("FROM a\n" + "RUN x\n".repeat(100_000));
        assertThrows(DockerfileException.class, () -> parse("FROM a\n" + "X".repeat(1_000_000) + " y\n"));
    }
}
