package dev.kiln.fs.nativeio;

import dev.kiln.fs.WorkDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A build's work dir spreads its subdirectories over the filesystem (ext4's FS_TOPDIR_FL, shown by {@code lsattr} as
 * T), so a rootfs is not made among the inodes the previous build deleted (issue 12); elsewhere it is a no-op.
 */
class SpreadSubdirsTest {
    @TempDir Path tmp;

    private static String lsattr(Path dir) throws Exception {
        Process p = new ProcessBuilder("lsattr", "-d", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 ? out.split("\\s+")[0] : null;
    }

    private static boolean ext4(Path dir) throws Exception {
        return Files.getFileStore(dir).type().equals("ext4");
    }

    @Test
    void aWorkDirOnExt4IsMarkedTopOfItsTree() throws Exception {
        Path work = WorkDirs.create(tmp.resolve("root"), "kiln-build-");
        assumeTrue(ext4(work), "not ext4 here: " + Files.getFileStore(work).type());
        String attrs = lsattr(work);
        assumeTrue(attrs != null, "no lsattr (e2fsprogs) here");
        assertTrue(attrs.contains("T"), "lsattr -d " + work + ": " + attrs);
        assertTrue(Native.spreadSubdirs(work), "already marked: true again");
    }

    @Test
    void whereTheFlagCannotBeSetItSaysSoAndNothingBreaks() {
        assertFalse(Native.spreadSubdirs(tmp.resolve("missing")));
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        assertFalse(Native.spreadSubdirs(Path.of("/proc/self")), "procfs has no inode flags");
    }
}
