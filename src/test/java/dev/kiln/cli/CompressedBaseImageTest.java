package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A base image whose layers are not gzip (recompressed by skopeo, as a registry may serve them) builds with COPY
 * (which reads the base's users) and RUN (which extracts the base), and the result runs.
 */
class CompressedBaseImageTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} base layers")
    @ValueSource(strings = {"zstd"})
    void baseWithRecompressedLayersBuildsWithCopyAndRun(String format) throws Exception {
        String reg = TestEnv.registry();
        String base = reg + "/test/busybox-" + format + ":latest";
        Path layout = tmp.resolve("layout");
        Tools.run(Tools.DEFAULT_TIMEOUT, List.of("skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
                "--dest-compress", "--dest-compress-format", format,
                "docker://" + reg + "/busybox:latest", "oci:" + layout + ":x")).requireOk();
        Tools.skopeoCopy("oci:" + layout + ":x", base);
        assertTrue(Tools.skopeoInspectRaw(base).contains("tar+" + format), "the base's layers really are " + format);

        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("note.txt"), "copied\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s
                COPY --chown=nobody note.txt /data/
                RUN cat /data/note.txt > /out.txt && stat -c %%U /data/note.txt >> /out.txt
                CMD ["cat", "/out.txt"]
                """.formatted(base));
        String dest = reg + "/test/on-" + format + "-base:1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Tools.skopeoInspectRaw(dest).contains("tar+" + format), "the base's layers are kept as they were");
        // umoci (Debian's 0.4.7) reads gzip only: run a gzip copy of what kiln pushed
        Path gz = tmp.resolve("gz");
        Tools.run(Tools.DEFAULT_TIMEOUT, List.of("skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
                "--dest-compress", "--dest-compress-format", "gzip", "docker://" + dest, "oci:" + gz + ":x")).requireOk();
        ToolResult run = Tools.runImage("oci:" + gz + ":x");
        assertEquals("copied\nnobody\n", run.stdout(), run.toString());
    }
}
