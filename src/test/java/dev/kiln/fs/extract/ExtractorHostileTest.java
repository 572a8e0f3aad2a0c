package dev.kiln.fs.extract;

import dev.kiln.event.EventSink;
import dev.kiln.fs.nativeio.Native;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile layers: each test extracts into tmp/rootfs and then proves that nothing outside the rootfs
 * was created, changed or linked (a byte-level fingerprint of tmp minus the rootfs, and of the
 * host files named by absolute paths, is identical before and after).
 */
class ExtractorHostileTest {
    @TempDir
    Path tmp;
    Path rootfs;
    Path sentinel;
    Extractor x;
    Map<String, String> before;
    String hostPasswd;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        sentinel = Files.createDirectory(tmp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("x"), "sentinel x");
        Files.writeString(tmp.resolve("outside-file"), "secret");
        Files.writeString(tmp.resolve("evil"), "pre-existing outside evil"); // must stay untouched
        x = new Extractor(rootfs, EventSink.NONE);
        before = OutsideGuard.snapshot(tmp, rootfs);
        hostPasswd = OutsideGuard.describe(Path.of("/etc/passwd"));
    }

    @AfterEach
    void nothingOutsideChanged() throws Exception {
        assertEquals(before, OutsideGuard.snapshot(tmp, rootfs));
        assertEquals(hostPasswd, OutsideGuard.describe(Path.of("/etc/passwd")));
        assertFalse(Files.exists(Path.of("/kiln-extract-evil"), NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/abs/evil"), NOFOLLOW_LINKS));
    }

    private void apply(TarBuilder t) throws IOException {
        try (InputStream in = t.stream()) {
            x.applyTar(in, "hostile");
        }
    }

    private String outsideAbs(String rel) {
        return tmp.resolve(rel).toString();
    }

    @Test
    void dotDotIsClampedToTheRoot() throws Exception {
        apply(new TarBuilder().file("../evil", "e1").file("a/../../evil2", "e2").file("../../../../../../kiln-extract-evil", "e3"));
        assertEquals("e1", Files.readString(rootfs.resolve("evil")));
        assertEquals("e2", Files.readString(rootfs.resolve("evil2")));
        assertEquals("e3", Files.readString(rootfs.resolve("kiln-extract-evil")));
    }

    @Test
    void absoluteNamesAreRelativeToTheRoot() throws Exception {
        apply(new TarBuilder().file("/abs/evil", "e").file(outsideAbs("sentinel/x"), "overwritten?"));
        assertEquals("e", Files.readString(rootfs.resolve("abs/evil")));
        assertEquals("overwritten?", Files.readString(rootfs.resolve(tmp.toString().substring(1)).resolve("sentinel/x")));
    }

    @Test
    void symlinkToHostRootAsParent() throws Exception {
        apply(new TarBuilder().symlink("link", "/").file("link/kiln-extract-evil", "e").symlink("l2", "/").file("l2/etc/passwd", "root::0:0"));
        assertEquals("e", Files.readString(rootfs.resolve("kiln-extract-evil")));
        assertEquals("root::0:0", Files.readString(rootfs.resolve("etc/passwd")));
    }

    @Test
    void symlinkToOutsideDirectoryAsParent() throws Exception {
        apply(new TarBuilder().symlink("link", outsideAbs("sentinel")).file("link/x", "evil").file("link/new", "evil"));
        Path inside = rootfs.resolve(tmp.toString().substring(1)).resolve("sentinel");
        assertEquals("evil", Files.readString(inside.resolve("x")));
        assertTrue(Files.isSymbolicLink(rootfs.resolve("link")));
    }

    @Test
    void relativeSymlinkClimbingOut() throws Exception {
        apply(new TarBuilder().symlink("link", "../..").file("link/evil", "e").dir("d").symlink("d/up", "../../../sentinel").file("d/up/x", "e2"));
        assertEquals("e", Files.readString(rootfs.resolve("evil")));
        assertEquals("e2", Files.readString(rootfs.resolve("sentinel/x")));
    }

    @Test
    void aDirectorySeenEarlierInTheLayerAndThenReplacedByASymlinkIsNotTrusted() throws Exception {
        // the extractor remembers directories it has seen in a layer: a replacement must make it look again
        apply(new TarBuilder().dir("d").file("d/a", "a").symlink("d", outsideAbs("sentinel")).file("d/evil", "e")
                .dir("w").file("w/a", "a").whiteout(".wh.w").symlink("w", outsideAbs("sentinel")).file("w/evil2", "e"));
        assertTrue(Files.isSymbolicLink(rootfs.resolve("d")));
        Path inside = rootfs.resolve(outsideAbs("sentinel").substring(1));
        assertTrue(Files.exists(inside.resolve("evil"), NOFOLLOW_LINKS), "the symlink resolved inside the rootfs");
        assertTrue(Files.exists(inside.resolve("evil2"), NOFOLLOW_LINKS));
        assertThrows(IOException.class, () -> apply(new TarBuilder().dir("h/sub").file("h/f", "f")
                .hardlink("h/sub", "h/f").file("h/sub/evil3", "e")));
    }

    @Test
    void symlinkChain() throws Exception {
        apply(new TarBuilder().symlink("a", "b").symlink("b", "c/../../d").symlink("d", outsideAbs("")).file("a/sentinel/x", "e"));
        assertEquals("e", Files.readString(rootfs.resolve(tmp.toString().substring(1)).resolve("sentinel/x")));
    }

    @Test
    void symlinkLoopFails() {
        assertThrows(IOException.class, () -> apply(new TarBuilder().symlink("a", "b").symlink("b", "a").file("a/x", "e")));
    }

    @Test
    void hardlinkToHostPasswdNeedsAnInsideFile() throws Exception {
        assertThrows(IOException.class, () -> apply(new TarBuilder().hardlink("passwd", "/etc/passwd")));
        assertFalse(Files.exists(rootfs.resolve("passwd"), NOFOLLOW_LINKS));
        apply(new TarBuilder().file("etc/passwd", "inside").hardlink("passwd", "/etc/passwd").hardlink("p2", "../../etc/passwd"));
        long ino = ((Number) Files.getAttribute(rootfs.resolve("etc/passwd"), "unix:ino")).longValue();
        assertEquals(ino, ((Number) Files.getAttribute(rootfs.resolve("passwd"), "unix:ino")).longValue());
        assertEquals(ino, ((Number) Files.getAttribute(rootfs.resolve("p2"), "unix:ino")).longValue());
        assertNotEquals(ino, ((Number) Files.getAttribute(Path.of("/etc/passwd"), "unix:ino")).longValue());
    }

    @Test
    void hardlinkToOutsideFileIsRefused() throws Exception {
        assertThrows(IOException.class, () -> apply(new TarBuilder().hardlink("h", "../outside-file")));
        assertThrows(IOException.class, () -> apply(new TarBuilder().hardlink("h", outsideAbs("outside-file"))));
        assertThrows(IOException.class, () -> apply(new TarBuilder().symlink("up", "..").hardlink("h", "up/outside-file")));
        assertFalse(Files.exists(rootfs.resolve("h"), NOFOLLOW_LINKS));
        // "o/" is cleaned to "o": the link is to the inside symlink itself, never to what it points at
        apply(new TarBuilder().symlink("o", outsideAbs("outside-file")).hardlink("h", "o/"));
        assertTrue(Files.isSymbolicLink(rootfs.resolve("h")));
    }

    @Test
    void hardlinkToOutsidePointingSymlinkLinksTheSymlinkItself() throws Exception {
        apply(new TarBuilder().symlink("s", outsideAbs("outside-file")).hardlink("h", "s"));
        assertTrue(Files.isSymbolicLink(rootfs.resolve("h")));
        assertEquals(Files.getAttribute(rootfs.resolve("s"), "unix:ino", NOFOLLOW_LINKS),
                Files.getAttribute(rootfs.resolve("h"), "unix:ino", NOFOLLOW_LINKS));
    }

    @Test
    void whiteoutsCannotEscape() throws Exception {
        apply(new TarBuilder().file("keep", "k").whiteout(".wh...").whiteout(".wh..").whiteout("../.wh.sentinel")
                .whiteout("a/../../.wh.outside-file").whiteout("../../.wh.evil").whiteout("/../.wh.rootfs"));
        assertTrue(Files.exists(rootfs.resolve("keep")));
    }

    @Test
    void whiteoutThroughOutsidePointingSymlink() throws Exception {
        apply(new TarBuilder().symlink("link", outsideAbs("sentinel")).symlink("up", "..").file("keep", "k"));
        apply(new TarBuilder().whiteout("link/.wh.x").whiteout("up/.wh.sentinel").whiteout("up/.wh.outside-file")
                .whiteout("link/.wh..wh..opq").whiteout("up/.wh..wh..opq"));
        // up resolves to the rootfs itself: its opaque marker empties the rootfs's lower content, nothing else
        assertFalse(Files.exists(rootfs.resolve("keep")));
    }

    @Test
    void entryBelowASymlinkToAFileFails() throws Exception {
        assertThrows(IOException.class, () -> apply(new TarBuilder().file("f", "f").symlink("l", "f").file("l/x", "e")));
        assertEquals("f", Files.readString(rootfs.resolve("f")));
        // a symlink to an outside file as parent resolves inside: directories are made there
        apply(new TarBuilder().symlink("o", outsideAbs("outside-file")).file("o/x", "e"));
        assertEquals("e", Files.readString(rootfs.resolve(tmp.toString().substring(1)).resolve("outside-file/x")));
    }

    @Test
    void finalSymlinkIsReplacedNotFollowed() throws Exception {
        apply(new TarBuilder().symlink("f", outsideAbs("outside-file")).symlink("d", outsideAbs("sentinel")));
        apply(new TarBuilder().file("f", "replaced", 04777, 0, 0).dir("d", 0777, 1, 1, TarBuilder.T)
                .device("f2", TarConstants.LF_CHR, 0600, 1, 3));
        assertTrue(Files.isRegularFile(rootfs.resolve("f"), NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(rootfs.resolve("d"), NOFOLLOW_LINKS));
        assertFalse(Files.exists(rootfs.resolve("d/x")));
    }

    @Test
    void veryLongNames() throws Exception {
        String up = "../".repeat(3000) + "evil-long";
        apply(new TarBuilder().file(up, "e"));
        assertEquals("e", Files.readString(rootfs.resolve("evil-long")));
        assertThrows(IOException.class, () -> apply(new TarBuilder().file("d/" + "n".repeat(300), "e")));
        assertThrows(IOException.class, () -> apply(new TarBuilder().file("a/".repeat(3000) + "f", "e")));
        String deep = "x/".repeat(60) + "f";
        apply(new TarBuilder().symlink("s", "/" + "x/".repeat(60)).file("s/g", "g").file(deep, "f"));
        assertEquals("g", Files.readString(rootfs.resolve("x/".repeat(60) + "g")));
    }

    @Test
    void devicesAndSetuidInsideAreAllowed() throws Exception {
        apply(new TarBuilder().device("dev/null", TarConstants.LF_CHR, 0666, 1, 3).file("bin/su", "s", 04755, 0, 0)
                .device("dev/sda", TarConstants.LF_BLK, 0660, 8, 0));
        assertEquals(Native.makedev(1, 3), Native.rdev(rootfs.resolve("dev/null")));
        assertEquals(04755, ((Number) Files.getAttribute(rootfs.resolve("bin/su"), "unix:mode")).intValue() & 07777);
    }
}
