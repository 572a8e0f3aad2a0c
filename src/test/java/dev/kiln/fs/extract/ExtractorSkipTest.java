package dev.kiln.fs.extract;

import dev.kiln.event.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skip set of in-place builds: ignored paths are never written, replaced or removed by a layer. */
class ExtractorSkipTest {
    @TempDir
    Path tmp;
    Path root;
    final List<Event> events = new ArrayList<>();
    Extractor x;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("kiln/bin"));
        Files.writeString(root.resolve("kiln/bin/tool"), "kiln's");
        Files.createDirectories(root.resolve("usr/lib/jvm/jdk"));
        Files.writeString(root.resolve("usr/lib/jvm/jdk/java"), "jvm");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hosts"), "host's hosts");
        x = new Extractor(root, events::add, SkipPaths.of(Set.of("/kiln", "/usr/lib/jvm/jdk", "/etc/hosts")));
    }

    @Test
    void entriesAtOrBelowSkippedPathsAreNotWritten() throws Exception {
        x.applyTar(new TarBuilder()
                .file("etc/hosts", "image's hosts")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .file("kiln/bin/tool", "image's")
                .file("kiln/new", "image's")
                .file("usr/lib/jvm/jdk/java", "image's")
                .file("usr/lib/other", "image's")
                .hardlink("usr/lib/link", "etc/hosts")
                .stream(), "L");
        assertEquals("host's hosts", Files.readString(root.resolve("etc/hosts")));
        assertEquals("kiln's", Files.readString(root.resolve("kiln/bin/tool")));
        assertFalse(Files.exists(root.resolve("kiln/new")));
        assertEquals("jvm", Files.readString(root.resolve("usr/lib/jvm/jdk/java")));
        assertEquals("image's", Files.readString(root.resolve("usr/lib/other")));
        assertTrue(Files.exists(root.resolve("etc/passwd")));
        assertFalse(Files.exists(root.resolve("usr/lib/link")), "no hardlink to an ignored file");
    }

    @Test
    void directoriesHoldingSkippedPathsAreNeitherReplacedNorRemoved() throws Exception {
        Files.writeString(root.resolve("usr/lib/old"), "old");
        Files.createDirectories(root.resolve("usr/lib/jvm/other"));
        x.applyTar(new TarBuilder()
                .symlink("usr/lib", "/lib")          // would replace a directory holding /usr/lib/jvm/jdk
                .file("usr/lib/jvm", "a file")       // the same, one level down
                .whiteout("usr/.wh.lib")             // deletes all but what it holds
                .stream(), "L1");
        assertTrue(Files.isDirectory(root.resolve("usr/lib"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("jvm", Files.readString(root.resolve("usr/lib/jvm/jdk/java")));
        assertFalse(Files.exists(root.resolve("usr/lib/old")), "whiteout removed what is not ignored");
        assertFalse(Files.exists(root.resolve("usr/lib/jvm/other")));
        assertTrue(events.stream().anyMatch(e -> e.level() == Event.Level.WARN && e.message().contains("/usr/lib holds ignored paths")),
                events.toString());

        Files.writeString(root.resolve("kiln/bin/x"), "x");
        Files.writeString(root.resolve("usr/lib/jvm/gone"), "gone");
        x.applyTar(new TarBuilder()
                .whiteout(".wh.kiln")
                .whiteout("kiln/bin/.wh.tool")
                .file("usr/lib/jvm/.wh..wh..opq", "")
                .file("usr/lib/jvm/new", "new")
                .stream(), "L2");
        assertEquals("kiln's", Files.readString(root.resolve("kiln/bin/tool")));
        assertTrue(Files.exists(root.resolve("kiln/bin/x")));
        assertEquals("jvm", Files.readString(root.resolve("usr/lib/jvm/jdk/java")), "opaque parent keeps what it holds");
        assertFalse(Files.exists(root.resolve("usr/lib/jvm/gone")));
        assertEquals("new", Files.readString(root.resolve("usr/lib/jvm/new")));
    }

    @Test
    void skipPathsValues() {
        SkipPaths s = SkipPaths.of(Set.of("/a/b/", "/x/../c"));
        assertEquals(Set.of("/a/b", "/c"), s.paths());
        assertTrue(s.covers("/a/b") && s.covers("/a/b/c") && s.covers("/c"));
        assertFalse(s.covers("/a") || s.covers("/a/bc"));
        assertTrue(s.holds("/a") && !s.holds("/a/b") && !s.holds("/c"));
        assertThrows(IllegalArgumentException.class, () -> SkipPaths.of(Set.of("/")));
        assertTrue(SkipPaths.NONE.isEmpty());
    }
}
