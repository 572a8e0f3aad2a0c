package dev.kiln.fs.extract;

import dev.kiln.event.EventSink;
import dev.kiln.fs.nativeio.Native;
import dev.kiln.fs.nativeio.Xattrs;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractorTest {
    @TempDir
    Path tmp;
    Path rootfs;
    Extractor x;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        x = new Extractor(rootfs, EventSink.NONE);
    }

    static int attr(Path p, String a) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:" + a, NOFOLLOW_LINKS)).intValue();
    }

    @Test
    void allEntryTypesWithOwnersModesAndTimes() throws Exception {
        Instant dirTime = Instant.ofEpochSecond(1_234_567_890L);
        ExtractSummary s = x.applyTar(new TarBuilder()
                .dir("bin", 0755, 0, 0, dirTime)
                .file("bin/su", "su!", 04755, 0, 0)
                .file("bin/wall", "wall", 02755, 0, 5)
                .dir("tmp", 01777, 0, 0, dirTime)
                .file("home/u/f", "data", 0600, 1000, 1001)
                .symlink("bin/sh", "busybox")
                .file("bin/busybox", "bb", 0755, 0, 0)
                .hardlink("bin/ls", "bin/busybox")
                .device("dev/null", TarConstants.LF_CHR, 0666, 1, 3)
                .device("dev/loop0", TarConstants.LF_BLK, 0660, 7, 0)
                .fifo("run/fifo")
                .stream(), "t");
        assertEquals(11, s.entries());
        assertEquals(3 + 4 + 4 + 2, s.bytes());
        assertEquals(04755, attr(rootfs.resolve("bin/su"), "mode") & 07777);
        assertEquals(02755, attr(rootfs.resolve("bin/wall"), "mode") & 07777);
        assertEquals(5, attr(rootfs.resolve("bin/wall"), "gid"));
        assertEquals(01777, attr(rootfs.resolve("tmp"), "mode") & 07777);
        assertEquals(1000, attr(rootfs.resolve("home/u/f"), "uid"));
        assertEquals(1001, attr(rootfs.resolve("home/u/f"), "gid"));
        assertEquals(0600, attr(rootfs.resolve("home/u/f"), "mode") & 07777);
        assertEquals("busybox", Files.readSymbolicLink(rootfs.resolve("bin/sh")).toString());
        assertEquals(attr(rootfs.resolve("bin/busybox"), "ino"), attr(rootfs.resolve("bin/ls"), "ino"));
        assertEquals(Native.S_IFCHR, attr(rootfs.resolve("dev/null"), "mode") & Native.S_IFMT);
        assertEquals(Native.makedev(1, 3), Native.rdev(rootfs.resolve("dev/null")));
        assertEquals(Native.S_IFBLK, attr(rootfs.resolve("dev/loop0"), "mode") & Native.S_IFMT);
        assertEquals(7, Native.major(Native.rdev(rootfs.resolve("dev/loop0"))));
        assertEquals(Native.S_IFIFO, attr(rootfs.resolve("run/fifo"), "mode") & Native.S_IFMT);
        // directories' mtimes survive their children being written; files and symlinks have theirs
        assertEquals(FileTime.from(dirTime), Files.getLastModifiedTime(rootfs.resolve("bin"), NOFOLLOW_LINKS));
        assertEquals(FileTime.from(TarBuilder.T), Files.getLastModifiedTime(rootfs.resolve("bin/sh"), NOFOLLOW_LINKS));
        assertEquals(FileTime.from(TarBuilder.T), Files.getLastModifiedTime(rootfs.resolve("bin/su"), NOFOLLOW_LINKS));
    }

    @Test
    void gzipLayersApplyInOrder() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(new TarBuilder().file("a", "one").bytes());
        }
        x.applyTar(new java.io.ByteArrayInputStream(gz.toByteArray()), "gz");
        assertEquals("one", Files.readString(rootfs.resolve("a")));
        x.applyTar(new TarBuilder().file("a", "two").stream(), "plain");
        assertEquals("two", Files.readString(rootfs.resolve("a")));
    }

    @Test
    void whiteoutsDeleteLowerPaths() throws Exception {
        x.applyTar(new TarBuilder().file("etc/a", "a").file("etc/b", "b").file("var/cache/x/y", "y").stream(), "l1");
        x.applyTar(new TarBuilder().whiteout("etc/.wh.a").whiteout("var/.wh.cache").stream(), "l2");
        assertFalse(Files.exists(rootfs.resolve("etc/a"), NOFOLLOW_LINKS));
        assertTrue(Files.exists(rootfs.resolve("etc/b")));
        assertFalse(Files.exists(rootfs.resolve("var/cache"), NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(rootfs.resolve("var")));
    }

    @Test
    void opaqueDirectoryKeepsOnlyThisLayersEntries() throws Exception {
        x.applyTar(new TarBuilder().file("d/old", "o").file("d/sub/old2", "o").file("keep/k", "k").stream(), "l1");
        x.applyTar(new TarBuilder().dir("d").file("d/new", "n").whiteout("d/.wh..wh..opq").file("d/later", "l").stream(), "l2");
        assertTrue(Files.exists(rootfs.resolve("d/new")));
        assertTrue(Files.exists(rootfs.resolve("d/later")));
        assertFalse(Files.exists(rootfs.resolve("d/old")));
        assertFalse(Files.exists(rootfs.resolve("d/sub")));
        assertTrue(Files.exists(rootfs.resolve("keep/k")));
    }

    @Test
    void opaqueDescendsIntoThisLayersDirectories() throws Exception {
        x.applyTar(new TarBuilder().file("d/sub/old", "o").stream(), "l1");
        x.applyTar(new TarBuilder().dir("d/sub").file("d/sub/new", "n").whiteout("d/.wh..wh..opq").stream(), "l2");
        assertTrue(Files.exists(rootfs.resolve("d/sub/new")));
        assertFalse(Files.exists(rootfs.resolve("d/sub/old")));
    }

    @Test
    void typeChangesReplaceThePath() throws Exception {
        x.applyTar(new TarBuilder().file("a/inner", "i").file("b", "b").symlink("c", "/etc").file("d", "d").stream(), "l1");
        x.applyTar(new TarBuilder().file("a", "now a file").dir("b").file("c", "was a link").symlink("d", "b").stream(), "l2");
        assertEquals("now a file", Files.readString(rootfs.resolve("a")));
        assertTrue(Files.isDirectory(rootfs.resolve("b"), NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(rootfs.resolve("c"), NOFOLLOW_LINKS));
        assertEquals("b", Files.readSymbolicLink(rootfs.resolve("d")).toString());
    }

    @Test
    void existingDirectoryKeepsContentsAndGetsNewMetadata() throws Exception {
        x.applyTar(new TarBuilder().dir("d").file("d/f", "f").stream(), "l1");
        x.applyTar(new TarBuilder().dir("d", 0700, 12, 34, TarBuilder.T).stream(), "l2");
        assertTrue(Files.exists(rootfs.resolve("d/f")));
        assertEquals(0700, attr(rootfs.resolve("d"), "mode") & 07777);
        assertEquals(12, attr(rootfs.resolve("d"), "uid"));
    }

    @Test
    void paxXattrsAreApplied() throws Exception {
        x.applyTar(new TarBuilder().fileWithPax("f", "x", Map.of("SCHILY.xattr.user.k", "v1",
                "SCHILY.xattr.trusted.t", "tv")).stream(), "l1");
        assertEquals("v1", new String(Xattrs.get(rootfs.resolve("f"), "user.k").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("tv", new String(Xattrs.get(rootfs.resolve("f"), "trusted.t").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void rootEntryUpdatesTheRootfsItself() throws Exception {
        x.applyTar(new TarBuilder().dir("./", 0750, 0, 0, TarBuilder.T).file("./a", "a").stream(), "l1");
        assertEquals(0750, attr(rootfs, "mode") & 07777);
        assertEquals(FileTime.from(TarBuilder.T), Files.getLastModifiedTime(rootfs));
        assertTrue(Files.exists(rootfs.resolve("a")));
    }

    @Test
    void hardlinkToLaterReplacedFileKeepsOldInode() throws Exception {
        x.applyTar(new TarBuilder().file("a", "one").hardlink("b", "a").file("a", "two").stream(), "l1");
        assertEquals("one", Files.readString(rootfs.resolve("b")));
        assertEquals("two", Files.readString(rootfs.resolve("a")));
    }
}
