package dev.kiln.fs.extract;

import dev.kiln.event.EventSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries of one layer that depend on earlier entries of the same layer see them. */
class ExtractorOrderTest {
    @TempDir
    Path tmp;

    private Extractor extractor() throws IOException {
        return new Extractor(Files.createDirectory(tmp.resolve("rootfs")), EventSink.NONE);
    }

    @Test
    void entriesThatDependOnEarlierFilesSeeThem() throws Exception {
        Extractor x = extractor();
        TarBuilder t = new TarBuilder();
        for (int i = 0; i < 300; i++) t.file("d" + (i % 7) + "/f" + i, "content " + i, 0640, i, i + 1);
        t.file("same", "first")
                .file("same", "second, the one that stays", 0600, 7, 8)   // the same path twice in one layer
                .hardlink("link", "d3/f10")                               // a hardlink to a file just handed over
                .file("d1/f8", "replaced")                                // a regular file replaces one of this layer
                .dir("d2", 0700, 0, 0, TarBuilder.T);                     // an existing directory's entry
        ExtractSummary s = x.applyTar(t.stream(), "t");
        Path r = x.root();
        assertEquals(305, s.entries());
        for (int i = 0; i < 300; i++) {
            Path f = r.resolve("d" + (i % 7) + "/f" + i);
            if (i == 8) continue;
            assertEquals("content " + i, Files.readString(f));
            assertEquals(i, Files.getAttribute(f, "unix:uid", NOFOLLOW_LINKS));
            assertEquals(0640, (Integer) Files.getAttribute(f, "unix:mode", NOFOLLOW_LINKS) & 07777);
            assertEquals(TarBuilder.T, Files.getLastModifiedTime(f, NOFOLLOW_LINKS).toInstant());
        }
        assertEquals("replaced", Files.readString(r.resolve("d1/f8")));
        assertEquals("second, the one that stays", Files.readString(r.resolve("same")));
        assertEquals(7, Files.getAttribute(r.resolve("same"), "unix:uid", NOFOLLOW_LINKS));
        assertEquals(Files.getAttribute(r.resolve("d3/f10"), "unix:ino"), Files.getAttribute(r.resolve("link"), "unix:ino"));
        assertEquals(0700, (Integer) Files.getAttribute(r.resolve("d2"), "unix:mode", NOFOLLOW_LINKS) & 07777);
        assertEquals(TarBuilder.T, Files.getLastModifiedTime(r.resolve("d2"), NOFOLLOW_LINKS).toInstant());
    }

    @Test
    void aFileUsedAsADirectoryFailsNamingTheEntry() throws Exception {
        Extractor x = extractor();
        IOException e = assertThrows(IOException.class, () -> x.applyTar(new TarBuilder()
                .file("a/f", "a file").file("a/f/g", "below a file").stream(), "layer-1"));
        assertTrue(e.getMessage().contains("layer-1: entry a/f/g"), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals("a file", Files.readString(x.root().resolve("a/f")));
    }

    @Test
    void aWhiteoutInTheSameLayerSeesTheFilesBeforeIt() throws Exception {
        Extractor x = extractor();
        x.applyTar(new TarBuilder().file("dir/keep", "k").file("dir/gone", "g").whiteout("dir/.wh.gone").stream(), "t");
        assertTrue(Files.exists(x.root().resolve("dir/keep")));
        assertTrue(Files.notExists(x.root().resolve("dir/gone"), NOFOLLOW_LINKS));
    }
}
