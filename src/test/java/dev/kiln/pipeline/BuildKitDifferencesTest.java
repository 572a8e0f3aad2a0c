package dev.kiln.pipeline;

import dev.kiln.plan.BuildException;

import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile differences of issue 13, each decided by BuildKit's source (frontend/dockerfile at
 * 73ed6825, 2026-08-21) and pinned here with a real build (compat/cases has a case for each as well).
 */
class BuildKitDifferencesTest {
    @TempDir
    Path dir;

    private Path context() throws IOException {
        return Files.createDirectories(dir.resolve("context"));
    }

    private static List<String> names(Layer l) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = l.open(); TarArchiveInputStream t = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) out.add(e.getName());
        }
        return out;
    }

    private static List<String> history(Image img) {
        return img.config().history().stream().map(History::createdBy).toList();
    }

    /** convert.go dispatch(): the whole ENV command is expanded with the env from before it, then applied. */
    @Test
    void envOnOneLineSeesTheValuesFromBeforeIt() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ENV a=one
                ENV a=two b=$a c=${b:-unset} ${a}x=k
                """, Map.of());
        Map<String, String> env = img.config().config().envMap();
        assertEquals("two", env.get("a"));
        assertEquals("one", env.get("b"));
        assertEquals("unset", env.get("c"));
        assertEquals("k", env.get("onex"), env.toString());
        assertTrue(history(img).contains("ENV a=two b=one c=unset onex=k"), history(img).toString());
    }

    /** dispatchArg() since BuildKit 0.14 (commit 47a52a17): the ARG name is taken literally, only the default is expanded. */
    @Test
    void argNameIsNotExpanded() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ARG name=foo
                ARG ${name}=v
                ENV seen=${foo:-unset}
                """, Map.of());
        assertEquals("unset", img.config().config().envMap().get("seen"));
        assertTrue(history(img).contains("ARG ${name}=v"), history(img).toString());
    }

    /** convert_copy.go sets AllowEmptyWildcard: a wildcard matching nothing is skipped, a literal missing source is not. */
    @Test
    void emptyWildcardBesideAMatchingSourceIsAllowed() throws IOException {
        Files.writeString(context().resolve("a.txt"), "a");
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                COPY a.txt nomatch*.txt /dst/
                """, Map.of());
        assertEquals(List.of("dst/", "dst/a.txt"), names(img.layers().getLast()));
    }

    @Test
    void onlyEmptyWildcardsCopyNothingAndAddNoLayer() throws IOException {
        context();
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                COPY nomatch*.txt /dst/
                """, Map.of());
        assertEquals(0, img.layers().size());
        assertTrue(Boolean.TRUE.equals(img.config().history().getLast().emptyLayer()), history(img).toString());
    }

    @Test
    void aMissingLiteralSourceStillFails() throws IOException {
        context();
        BuildException e = assertThrows(BuildException.class, () -> new BuildFixture(dir).build("""
                FROM scratch
                COPY missing.txt nomatch*.txt /dst/
                """, Map.of()));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }

    /** An archive is unpacked into the destination as a directory, with or without a trailing slash. */
    @Test
    void addArchiveWithoutTrailingSlashLandsInTheDestination() throws IOException {
        try (OutputStream o = Files.newOutputStream(context().resolve("file.tar"));
             TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            TarArchiveEntry d = new TarArchiveEntry("sub/");
            t.putArchiveEntry(d);
            t.closeArchiveEntry();
            byte[] body = "t".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry f = new TarArchiveEntry("sub/t.txt");
            f.setSize(body.length);
            t.putArchiveEntry(f);
            t.write(body);
            t.closeArchiveEntry();
        }
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ADD file.tar /dest
                ADD file.tar /other/
                """, Map.of());
        List<String> first = names(img.layers().get(0));
        assertTrue(first.contains("dest/sub/t.txt"), first.toString());
        assertFalse(first.contains("sub/t.txt"), first.toString());
        assertTrue(names(img.layers().get(1)).contains("other/sub/t.txt"));
    }

    /** BuildKit keeps VOLUME in the config only: later COPYs into the volume stay in their layers. */
    @Test
    void changesUnderAVolumeAfterTheVolumeLineAreKept() throws IOException {
        Files.writeString(context().resolve("a.txt"), "a");
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                VOLUME /v
                COPY a.txt /v/copied
                """, Map.of());
        assertEquals(List.of("v/", "v/copied"), names(img.layers().getLast()));
        assertTrue(img.config().config().volumes().containsKey("/v"));
    }

    /** parseJSON uses json.Unmarshal since BuildKit 0.15 (80518e25): trailing text makes it shell form. */
    @Test
    void jsonFormWithTrailingTextIsShellForm() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ENTRYPOINT ["echo", "x"] # comment
                CMD ["y"]
                """, Map.of());
        assertEquals(List.of("/bin/sh", "-c", "[\"echo\", \"x\"] # comment"), img.config().config().entrypoint());
        assertEquals(List.of("y"), img.config().config().cmd());
    }
}
