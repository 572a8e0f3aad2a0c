package dev.kiln.cli;

import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input fails clearly, with the Dockerfile line where there is one, and a non-zero exit. */
class CliErrorsTest {
    @TempDir Path tmp;

    @Test
    void helpExplainsEveryFlag() {
        ToolResult top = Kiln.run("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.stdout().contains("build"), top.stdout());
        String list = top.stdout().replaceAll("\\s+", " ");
        for (String whole : new String[] {"build, executor Build an image from a Dockerfile and a build context, then push it and/or write it to files.",
                "warm, warmer Download base images into a cache that 'kiln build --cache-dir DIR' starts from instead of pulling.",
                "version Print kiln's version."}) {
            assertTrue(list.contains(whole), "every subcommand's description whole: " + whole + "\n" + top.stdout());
        }
        ToolResult build = Kiln.run("build", "--help");
        assertEquals(0, build.exitCode());
        for (String flag : new String[] {"--context", "--dockerfile", "--destination", "--no-push", "--tar-path",
                "--oci-layout-path", "--digest-file", "--image-name-with-digest-file", "--build-arg", "--label",
                "--custom-platform", "--insecure", "--insecure-pull", "--insecure-registry", "--skip-tls-verify",
                "--reproducible", "--verbosity"}) {
            assertTrue(build.stdout().contains(flag), flag + " missing from help:\n" + build.stdout());
        }
        assertEquals(0, Kiln.run("executor", "--help").exitCode(), "Kaniko's command name works too");
    }

    @Test
    void unknownFlagsAndMissingValuesAreErrors() {
        ToolResult r = Kiln.run("build", "--no-such-flag");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("--no-such-flag"), r.stderr());
        ToolResult m = Kiln.run("build", "--destination");
        assertNotEquals(0, m.exitCode());
        assertTrue(m.stderr().contains("--destination"), m.stderr());
    }

    @Test
    void pushWithoutDestinationIsAnError() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\n");
        ToolResult r = Kiln.run("build", "-c", tmp.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("--destination"), r.stderr());
    }

    @Test
    void runWithoutAShellFailsWithItsLineNumber() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nENV A=b\nRUN echo hi\n");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push", "--isolation", "chroot");
        assertEquals(127, r.exitCode(), "the sandbox's exit code for a command it cannot start (docs/kaniko-flags.md): " + r);
        assertTrue(r.stderr().contains("Dockerfile:3:"), r.stderr());
    }

    @Test
    void missingCopySourceNamesTheLineAndThePattern() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\n\nCOPY nothing-here.txt /x\n");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Dockerfile:3:") && r.stderr().contains("nothing-here.txt"), r.stderr());
    }

    @Test
    void unknownInstructionIsAParseErrorWithLine() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nFROBNICATE x\n");
        ToolResult r = Kiln.run("build", "-c", tmp.toString(), "--no-push");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Dockerfile:2"), r.stderr());
    }
}
