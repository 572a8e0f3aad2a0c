package dev.kiln.fs.nativeio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeTest {
    @TempDir
    Path dir;

    private static int intAttr(Path p, String a) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:" + a, NOFOLLOW_LINKS)).intValue();
    }

    @Test
    void mknodFifo() throws Exception {
        Path f = dir.resolve("fifo");
        Native.mknod(f, Native.S_IFIFO | 0640, 0);
        assertEquals(Native.S_IFIFO, intAttr(f, "mode") & Native.S_IFMT);
    }

    @Test
    void mknodCharDevice() throws Exception {
        Path n = dir.resolve("null");
        Native.mknod(n, Native.S_IFCHR | 0666, Native.makedev(1, 3));
        assertEquals(Native.S_IFCHR, intAttr(n, "mode") & Native.S_IFMT);
        long rdev = Native.rdev(n);
        assertEquals(1, Native.major(rdev));
        assertEquals(3, Native.minor(rdev));
        assertEquals(Native.makedev(1, 3), rdev);
    }

    @Test
    void makedevRoundTripsLargeNumbers() {
        long d = Native.makedev(0x12345, 0xabcdef);
        assertEquals(0x12345, Native.major(d));
        assertEquals(0xabcdef, Native.minor(d));
    }

    @Test
    void mknodExistingPathReportsErrnoAndPath() throws Exception {
        Path f = Files.createFile(dir.resolve("taken"));
        ErrnoException e = assertThrows(ErrnoException.class, () -> Native.mknod(f, Native.S_IFIFO | 0600, 0));
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("File exists"), e.getMessage());
    }

    @Test
    void lchownChangesTheSymlinkNotItsTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Native.lchown(link, 1234, 5678);
        assertEquals(1234, intAttr(link, "uid"));
        assertEquals(5678, intAttr(link, "gid"));
        assertEquals(0, intAttr(target, "uid"));
        assertEquals(0, intAttr(target, "gid"));
    }

    @Test
    void xattrsSetGetList() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        byte[] cap = capNetBindService();
        Xattrs.set(f, "security.capability", cap);
        Xattrs.set(f, "user.x", "hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(java.util.Arrays.equals(cap, Xattrs.get(f, "security.capability").orElseThrow()));
        assertEquals("hello", new String(Xattrs.get(f, "user.x").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(Xattrs.list(f).containsAll(java.util.List.of("security.capability", "user.x")), Xattrs.list(f).toString());
        assertTrue(Xattrs.get(f, "user.absent").isEmpty());
        Xattrs.remove(f, "user.x");
        assertTrue(Xattrs.get(f, "user.x").isEmpty());
    }

    @Test
    void xattrEmptyValue() throws Exception {
        Path f = Files.createFile(dir.resolve("e"));
        Xattrs.set(f, "user.empty", new byte[0]);
        assertEquals(0, Xattrs.get(f, "user.empty").orElseThrow().length);
    }

    @Test
    void xattrOnMissingFileNamesThePath() {
        Path f = dir.resolve("missing");
        ErrnoException e = assertThrows(ErrnoException.class, () -> Xattrs.list(f));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("missing"));
    }

    @Test
    void symlinkMtimeWithoutTouchingTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("t"));
        Instant before = Files.getLastModifiedTime(target).toInstant();
        Path link = Files.createSymbolicLink(dir.resolve("l"), target);
        Instant when = Instant.ofEpochSecond(1_000_000_000L, 123_456_789);
        Native.lsetTimes(link, null, when);
        assertEquals(FileTime.from(when), Files.getLastModifiedTime(link, NOFOLLOW_LINKS));
        assertEquals(before, Files.getLastModifiedTime(target).toInstant());
    }

    @Test
    void directoryAndFileMtimes() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        Instant when = Instant.ofEpochSecond(1_500_000_000L, 5);
        Native.lsetTimes(d, when, when);
        assertEquals(FileTime.from(when), Files.getLastModifiedTime(d));
        assertEquals(FileTime.from(when), Files.getAttribute(d, "lastAccessTime"));
    }

    @Test
    void setuidSetgidSticky() throws Exception {
        Path f = Files.createFile(dir.resolve("suid"));
        Native.lchmod(f, 04755);
        assertEquals(04755, intAttr(f, "mode") & 07777);
        Path d = Files.createDirectory(dir.resolve("tmp"));
        Native.lchmod(d, 01777);
        assertEquals(01777, intAttr(d, "mode") & 07777);
        Native.lchmod(f, 02711);
        assertEquals(02711, intAttr(f, "mode") & 07777);
    }

    @Test
    void lchmodRefusesSymlinksAndLeavesTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("tt"));
        Native.lchmod(target, 0600);
        Path link = Files.createSymbolicLink(dir.resolve("ll"), target);
        assertThrows(ErrnoException.class, () -> Native.lchmod(link, 04777));
        assertEquals(0600, intAttr(target, "mode") & 07777);
        assertTrue(Files.isSymbolicLink(link) && !Files.exists(link.resolveSibling("x"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void fchmodat2IsUsedWhereTheKernelHasIt() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]), minor = Integer.parseInt(v[1]);
        boolean kernelHasIt = major > 6 || (major == 6 && minor >= 6);
        // one system call per lchmod instead of glibc's four (O_PATH open, fstat, chmod of /proc/self/fd/N, close)
        if (kernelHasIt) assertTrue(Libc.Fchmodat2.WORKS, "Linux " + System.getProperty("os.version") + " has fchmodat2");
    }

    /** A VFS_CAP_REVISION_2 value granting cap_net_bind_service (bit 10) permitted+effective. */
    static byte[] capNetBindService() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x02000000 | 0x000001); // revision 2, effective flag
        b.putInt(1 << 10).putInt(0).putInt(0).putInt(0);
        return b.array();
    }
}
