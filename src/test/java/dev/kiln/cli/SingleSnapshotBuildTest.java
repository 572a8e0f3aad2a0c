package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --single-snapshot} with chroot isolation: consecutive RUNs give one layer holding all their changes, attributed
 * to the last of them; a COPY after RUNs first flushes them (layers stay in order, and COPY --chown sees the user a RUN
 * added).
 */
class SingleSnapshotBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @ParameterizedTest(name = "--snapshot-mode {0}")
    @ValueSource(strings = {"overlay", "walk"})
    void runsOfAStageShareOneLayer(String mode) throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("a.txt"), "a\n");
        Files.writeString(ctx.resolve("b.txt"), "b\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s/busybox:latest
                COPY a.txt /data/
                RUN echo one > /one.txt && rm /etc/shadow
                RUN echo two > /two.txt && echo "app:x:1234:1234::/home/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group
                RUN echo three >> /one.txt && mkdir /gone && touch /gone/x
                RUN rm -rf /gone
                ENV X=1
                COPY --chown=app b.txt /data/
                RUN rm /data/a.txt
                RUN true
                """.formatted(reg));
        String dest = reg + "/test/single-snapshot-" + mode + ":1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull",
                "--isolation", "chroot", "--snapshot-mode", mode, "--single-snapshot");
        assertEquals(0, r.exitCode(), r.toString());

        ToolResult run = Tools.runImage(dest, "sh", "-c",
                "cat /one.txt /two.txt; stat -c %u /data/b.txt; ls /etc/shadow /gone /data/a.txt 2>/dev/null; echo end");
        assertEquals("one\nthree\ntwo\n1234\nend\n", run.stdout(), run.describe());

        JsonNode cfg = Tools.skopeoInspectConfig(dest);
        List<String> history = new ArrayList<>();
        for (JsonNode h : cfg.get("history")) {
            history.add(h.get("created_by").asText().split(" ")[0] + (h.path("empty_layer").asBoolean(false) ? "" : "+layer"));
        }
        assertEquals(List.of("/bin/sh+layer", "COPY+layer", "RUN", "RUN", "RUN", "RUN+layer", "ENV", "COPY+layer", "RUN",
                "RUN+layer"), history);

        Path layout = tmp.resolve("oci");
        Tools.skopeoCopy(dest, "oci:" + layout + ":x");
        List<TreeSet<String>> layers = layerEntries(layout);
        assertEquals(5, layers.size(), layers.toString());
        TreeSet<String> runs = layers.get(2);
        assertTrue(runs.containsAll(List.of("one.txt", "two.txt", "etc/.wh.shadow", "etc/passwd", "etc/group")), runs.toString());
        assertTrue(runs.stream().noneMatch(n -> n.startsWith("gone")), "created and deleted in the group: " + runs);
        assertTrue(layers.get(4).contains("data/.wh.a.txt"), layers.get(4).toString());
    }

    /** The entry names of every layer of the one image in an OCI layout, bottom first. */
    private static List<TreeSet<String>> layerEntries(Path layout) throws Exception {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(layout, index.at("/manifests/0/digest").asText()).toFile());
        List<TreeSet<String>> out = new ArrayList<>();
        for (JsonNode l : manifest.get("layers")) {
            TreeSet<String> names = new TreeSet<>();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(blob(layout, l.get("digest").asText())));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) names.add(e.getName().replaceAll("/$", ""));
            }
            out.add(names);
        }
        return out;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
