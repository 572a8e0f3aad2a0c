package dev.kiln.run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserResolverTest {
    @TempDir
    Path root;

    @BeforeEach
    void etc() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                # a comment
                app:x:1000:1000:App:/home/app:/bin/sh
                svc:x:1001:1001::/srv:/bin/false
                broken:x:notanumber:1:::
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(root.resolve("etc/group"), """
                root:x:0:
                wheel:x:10:root,app
                app:x:1000:
                docker:x:999:svc,app
                staff:x:50:
                """);
    }

    @Test
    void emptyIsRootWithItsGroups() throws IOException {
        assertEquals(new ResolvedUser("root", 0, 0, List.of(10), "/root"), UserResolver.resolve(root, ""));
        assertEquals(new ResolvedUser("root", 0, 0, List.of(10), "/root"), UserResolver.resolve(root, null));
    }

    @Test
    void nameGivesUidGidHomeAndSupplementaryGroups() throws IOException {
        assertEquals(new ResolvedUser("app", 1000, 1000, List.of(10, 999), "/home/app"), UserResolver.resolve(root, "app"));
        assertEquals(new ResolvedUser("app", 1000, 1000, List.of(10, 999), "/home/app"), UserResolver.resolve(root, "1000"));
    }

    @Test
    void explicitGroupReplacesPrimaryAndDropsSupplementary() throws IOException {
        assertEquals(new ResolvedUser("app", 1000, 50, List.of(), "/home/app"), UserResolver.resolve(root, "app:staff"));
        assertEquals(new ResolvedUser("app", 1000, 4242, List.of(), "/home/app"), UserResolver.resolve(root, "app:4242"));
        assertEquals(new ResolvedUser("", 5000, 999, List.of(), "/"), UserResolver.resolve(root, "5000:docker"));
    }

    @Test
    void numericWithoutEntryGetsGidZeroAndRootHome() throws IOException {
        assertEquals(new ResolvedUser("", 4242, 0, List.of(), "/"), UserResolver.resolve(root, "4242"));
        assertEquals(new ResolvedUser("", 4242, 77, List.of(), "/"), UserResolver.resolve(root, "4242:77"));
    }

    @Test
    void unknownNamesAreClearErrors() {
        var u = assertThrows(SandboxException.class, () -> UserResolver.resolve(root, "ghost"));
        assertEquals("unable to find user ghost: no matching entries in passwd file", u.getMessage());
        var g = assertThrows(SandboxException.class, () -> UserResolver.resolve(root, "app:ghosts"));
        assertEquals("unable to find group ghosts: no matching entries in group file", g.getMessage());
        assertThrows(SandboxException.class, () -> UserResolver.resolve(root, "99999999999"));
    }

    @Test
    void missingFilesCountAsEmpty(@TempDir Path scratch) throws IOException {
        assertEquals(new ResolvedUser("", 0, 0, List.of(), "/"), UserResolver.resolve(scratch, ""));
        assertEquals(new ResolvedUser("", 12, 0, List.of(), "/"), UserResolver.resolve(scratch, "12"));
        assertThrows(SandboxException.class, () -> UserResolver.resolve(scratch, "app"));
    }

    @Test
    void rootAndIdsWithAGroupNeedNoPasswdFile(@TempDir Path scratch) throws IOException {
        // BuildKit executor/oci/user.go: "user:group" with both parts "root" or numbers takes the fast path
        assertEquals(new ResolvedUser("", 0, 0, List.of(), "/"), UserResolver.resolve(scratch, "root:root"));
        assertEquals(new ResolvedUser("", 0, 0, List.of(), "/"), UserResolver.resolve(scratch, "0:0"));
        assertEquals(new ResolvedUser("", 0, 0, List.of(), "/"), UserResolver.resolve(scratch, "root:0"));
        assertEquals(new ResolvedUser("", 1000, 0, List.of(), "/"), UserResolver.resolve(scratch, "1000:root"));
        assertEquals(new ResolvedUser("", 0, 0, List.of(), "/"), UserResolver.resolve(scratch, "0"));
        // "root" without a group goes through the passwd file, which is missing: an error, as in BuildKit
        var e = assertThrows(SandboxException.class, () -> UserResolver.resolve(scratch, "root"));
        assertEquals("unable to find user root: no matching entries in passwd file", e.getMessage());
        // with a passwd file the fast path still names the user and takes its home
        assertEquals(new ResolvedUser("app", 1000, 50, List.of(), "/home/app"), UserResolver.resolve(root, "1000:50"));
    }

    @Test
    void passwdSymlinkStaysInsideTheRootfs(@TempDir Path scratch) throws IOException {
        Files.createDirectories(scratch.resolve("etc"));
        Files.createDirectories(scratch.resolve("data"));
        Files.writeString(scratch.resolve("data/passwd"), "inside:x:7:7::/in:/bin/sh\n");
        // absolute target: resolved in the rootfs, so the host's /etc/passwd is never read
        Files.createSymbolicLink(scratch.resolve("etc/passwd"), Path.of("/data/passwd"));
        assertEquals(7, UserResolver.resolve(scratch, "inside").uid());
        assertThrows(SandboxException.class, () -> UserResolver.resolve(scratch, "root"));
        Files.delete(scratch.resolve("etc/passwd"));
    }
}
