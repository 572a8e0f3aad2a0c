package dev.kiln.cli;

import dev.kiln.context.source.RemoteFixtures;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A directory build loads no cloud SDK and no JGit: each sits behind its own scheme's class. */
class ContextLazyLoadingTest {
    @TempDir Path tmp;

    @Test
    void dirBuildLoadsNoCloudSdk() throws Exception {
        Path ctx = RemoteFixtures.writeContext(tmp.resolve("ctx"));
        Path log = tmp.resolve("classes.log");
        String reg = TestEnv.registry();
        ToolResult r = Kiln.run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log),
                "build", "-c", ctx.toString(), "--no-push", "--insecure-pull", "--build-arg", "REGISTRY=" + reg);
        assertEquals(0, r.exitCode(), r.toString());
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("dev.kiln.context.source.ContextResolver"), "the log holds kiln's classes");
        for (String pkg : new String[] {"software.amazon.awssdk.", "com.google.cloud.", "com.azure.", "org.eclipse.jgit.",
                "dev.kiln.context.source.S3Archive", "dev.kiln.context.source.GcsArchive", "dev.kiln.context.source.AzureBlobArchive",
                "dev.kiln.context.source.GitCheckout", "com.github.luben.zstd."}) {
            assertFalse(loaded.contains(" " + pkg), pkg + " loaded by a directory build");
        }
    }
}
