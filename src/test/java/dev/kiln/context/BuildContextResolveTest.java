package dev.kiln.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static dev.kiln.context.ContextFixture.dir;
import static dev.kiln.context.ContextFixture.file;
import static dev.kiln.context.ContextFixture.paths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextResolveTest {
    @TempDir
    Path root;

    @Test
    void literalFileWithMetadata() throws IOException {
        Path f = file(root, "app/main.sh", "echo hi\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        ContextEntry e = BuildContext.dir(root).resolve("app/main.sh").getFirst();
        assertEquals("app/main.sh", e.path());
        assertEquals("main.sh", e.name());
        assertEquals(ContextEntry.Type.FILE, e.type());
        assertEquals(8, e.size());
        assertEquals(0750, e.permissions());
        assertEquals(f.toRealPath(), e.absolute());
        assertEquals(1, e.stat().nlink());
    }

    @Test
    void leadingSlashIsTheContextRootAndPathsAreCleaned() throws IOException {
        file(root, "a.txt", "a");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("a.txt"), paths(ctx.resolve("/a.txt")));
        assertEquals(List.of("a.txt"), paths(ctx.resolve("./x/../a.txt")));
        ContextEntry dot = ctx.resolve(".").getFirst();
        assertEquals(".", dot.path());
        assertEquals(ContextEntry.Type.DIR, dot.type());
        assertEquals(List.of("."), paths(ctx.resolve("/")));
    }

    @Test
    void globsMatchPerSegmentInByteOrder() throws IOException {
        for (String n : List.of("b.txt", "a.txt", "B.txt", "a.txt.bak", "sub/c.txt", "x*y.txt", "é.txt")) file(root, n, n);
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("B.txt", "a.txt", "b.txt", "x*y.txt", "é.txt"), paths(ctx.resolve("*.txt")));
        assertEquals(List.of("a.txt", "b.txt"), paths(ctx.resolve("[ab].txt")));
        assertEquals(List.of("x*y.txt"), paths(ctx.resolve("x\\*y*")), "escaped * is literal in a glob");
        assertThrows(ContextException.class, () -> ctx.resolve("x\\*y.txt"), "no wildcard left: a literal name with a backslash");
        assertEquals(List.of("sub/c.txt"), paths(ctx.resolve("s?b/*.txt")));
    }

    @Test
    void globInMiddleSegmentsAndDirectoryMatches() throws IOException {
        file(root, "pkg/a/lib.jar", "1");
        file(root, "pkg/b/lib.jar", "2");
        file(root, "pkg/b/other.txt", "3");
        dir(root, "pkg/c");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("pkg/a/lib.jar", "pkg/b/lib.jar"), paths(ctx.resolve("pkg/*/lib.jar")));
        List<ContextEntry> dirs = ctx.resolve("pkg/*");
        assertEquals(List.of("pkg/a", "pkg/b", "pkg/c"), paths(dirs));
        assertTrue(dirs.stream().allMatch(ContextEntry::isDirectory));
    }

    @Test
    void escapingTheContextIsForbidden() throws IOException {
        file(root, "a.txt", "a");
        BuildContext ctx = BuildContext.dir(root);
        for (String bad : List.of("../x", "/../x", "a/../../x", "..")) {
            ContextException e = assertThrows(ContextException.class, () -> ctx.resolve(bad), bad);
            assertEquals("forbidden path outside the build context: " + bad, e.getMessage());
        }
    }

    @Test
    void missingSourcesNameThePattern() throws IOException {
        file(root, "a.txt", "a");
        BuildContext ctx = BuildContext.dir(root);
        ContextException literal = assertThrows(ContextException.class, () -> ctx.resolve("nope.txt"));
        assertTrue(literal.getMessage().contains("\"nope.txt\" not found in the build context"), literal.getMessage());
        // BuildKit's AllowEmptyWildcard: a wildcard matching nothing is an empty result, not an error
        assertEquals(List.of(), ctx.resolve("*.nothing"));
        assertThrows(ContextException.class, () -> ctx.resolve("a.txt/inner"), "a file is not a directory");
        ContextException bad = assertThrows(ContextException.class, () -> ctx.resolve("x[.txt"));
        assertTrue(bad.getMessage().contains("x[.txt"), bad.getMessage());
    }

    @Test
    void hardLinksShareInode() throws IOException {
        Path a = file(root, "a", "data");
        Files.createLink(root.resolve("b"), a);
        List<ContextEntry> both = BuildContext.dir(root).resolve("[ab]");
        assertEquals(2, both.get(0).stat().nlink());
        assertEquals(both.get(0).stat().inode(), both.get(1).stat().inode());
        assertEquals(both.get(0).stat().device(), both.get(1).stat().device());
    }

    @Test
    void notADirectoryIsRejected() {
        assertThrows(ContextException.class, () -> BuildContext.dir(root.resolve("missing")));
    }
}
