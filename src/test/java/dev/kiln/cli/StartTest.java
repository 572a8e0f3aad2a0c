package dev.kiln.cli;

import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The start path: the version without the command model, and the AOT cache's training run (issue 12). */
class StartTest {
    @TempDir Path tmp;

    @Test
    void everyVersionSpellingPrintsTheSameLine() {
        for (String arg : new String[] {"--version", "-V", "version"}) {
            ToolResult r = Kiln.run(arg);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(Version.line(), r.stdout().strip(), arg);
        }
    }

    @Test
    void trainingBuildsTheBundledContextToAnOciLayout() throws Exception {
        Path context = Path.of(System.getProperty("kiln.basedir", "."), "src", "aot", "context");
        assertTrue(Files.isRegularFile(context.resolve("Dockerfile")), "training input: " + context);
        assertEquals(0, AotTraining.train(context, tmp), "the local build of the training run succeeds");
        // and the image it made is pulled from the training's in-memory registry, extended and pushed back
        assertEquals(0, AotTraining.pullAndPush(context, tmp), "the pull and push build of the training run succeeds");
        assertTrue(Files.isRegularFile(tmp.resolve("layout").resolve("index.json")));
        assertTrue(Files.isDirectory(tmp.resolve("layout").resolve("blobs").resolve("sha256")));
        if (AotTraining.runsHere()) {
            assertEquals(0, TrainingRun.run(tmp.resolve("run")), "as root: the RUN build of the training run succeeds");
        }
    }
}
