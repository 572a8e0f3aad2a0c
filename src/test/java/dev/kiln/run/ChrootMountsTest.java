package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** The fstab the root chroot sandbox mounts from: escaping as fstab(5), and which mount programs can read it. */
class ChrootMountsTest {
    @TempDir Path tmp;

    @Test
    void fieldsEscapeBlanksBackslashesAndHashes() {
        assertEquals("/a\\040b\\011c\\012d\\134e\\043f", ChrootMounts.field("/a b\tc\nd\\e#f"));
        assertEquals("/tmp/x /r/dev/null none bind 0 0", ChrootMounts.entry("/tmp/x", Path.of("/r/dev/null"), "none", "bind"));
    }

    @Test
    void utilLinuxMountReadsFstabsBusyboxMountDoesNot() throws Exception {
        Path util = Files.createDirectories(tmp.resolve("util"));
        executable(util.resolve("mount"));
        assertTrue(ChrootMounts.fstabCapable(HostTools.of(util.toString())));
        Path bb = Files.createDirectories(tmp.resolve("bb"));
        executable(bb.resolve("busybox"));
        Files.createSymbolicLink(bb.resolve("mount"), bb.resolve("busybox"));
        assertFalse(ChrootMounts.fstabCapable(HostTools.of(bb.toString())));
    }

    private static void executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
