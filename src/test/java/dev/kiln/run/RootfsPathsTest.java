package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootfsPathsTest {
    @TempDir
    Path root;

    @Test
    void symlinksAndDotDotStayInside() throws IOException {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../etc"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc/passwd"));
        assertEquals(root.resolve("usr/lib/x"), RootfsPaths.resolve(root, "/lib/x"));
        assertEquals(root.resolve("etc"), RootfsPaths.resolve(root, "/escape"));
        assertEquals(root.resolve("etc/passwd"), RootfsPaths.resolve(root, "/abs"));
        assertEquals(root.resolve("etc"), RootfsPaths.resolve(root, "/../../etc"));
        assertEquals(root, RootfsPaths.resolve(root, "/"));
        Files.delete(root.resolve("escape"));
        Files.delete(root.resolve("abs"));
    }

    @Test
    void symlinkLoopsAreErrors() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThrows(SandboxException.class, () -> RootfsPaths.resolve(root, "/a/x"));
    }

    @Test
    void mkdirsOwnsOnlyWhatItCreates() throws IOException {
        BusyboxRootfs.requireRoot();
        Files.createDirectories(root.resolve("existing"));
        Path made = RootfsPaths.mkdirs(root, "/existing/new/deeper", 4242, 4343);
        assertTrue(Files.isDirectory(made));
        assertEquals(4242, Files.getAttribute(root.resolve("existing/new"), "unix:uid"));
        assertEquals(4343, Files.getAttribute(made, "unix:gid"));
        assertEquals(0, Files.getAttribute(root.resolve("existing"), "unix:uid"));
        Files.writeString(root.resolve("file"), "x");
        assertThrows(SandboxException.class, () -> RootfsPaths.mkdirs(root, "/file/sub", 0, 0));
    }
}
