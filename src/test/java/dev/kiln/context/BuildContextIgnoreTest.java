package dev.kiln.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.kiln.context.ContextFixture.file;
import static dev.kiln.context.ContextFixture.paths;
import static dev.kiln.context.ContextFixture.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextIgnoreTest {
    @TempDir
    Path root;

    @Test
    void ignoredFilesAreInvisibleToLiteralsAndGlobs() throws IOException {
        file(root, ".dockerignore", "*.md\n!README.md\n");
        file(root, "README.md", "r");
        file(root, "NOTES.md", "n");
        file(root, "docs/guide.md", "g");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("README.md"), paths(ctx.resolve("*.md")));
        ContextException e = assertThrows(ContextException.class, () -> ctx.resolve("NOTES.md"));
        assertTrue(e.getMessage().contains("NOTES.md is excluded by .dockerignore"), e.getMessage());
        assertEquals(List.of("docs/guide.md"), paths(ctx.resolve("docs/*.md")), "*.md only matches at the root");
    }

    @Test
    void doubleStarLogsAreSkippedInWalks() throws IOException {
        file(root, ".dockerignore", "**/*.log\n");
        file(root, "app.log", "");
        file(root, "src/Main.java", "");
        file(root, "src/deep/x.log", "");
        file(root, "src/deep/y.txt", "");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("file .dockerignore", "dir src", "file src/Main.java", "dir src/deep", "file src/deep/y.txt"),
                walk(ctx, "."));
        assertEquals(List.of("file src/deep/y.txt"), walk(ctx, "src/deep"));
        // ignored files are invisible: a wildcard over them matches nothing (an empty match is not an error, as BuildKit)
        assertEquals(List.of(), ctx.resolve("src/*/*.log"));
    }

    @Test
    void exceptionInsideExcludedDirectoryIsReachable() throws IOException {
        file(root, ".dockerignore", "docs\n!docs/README.md\nnode_modules\n");
        file(root, "docs/README.md", "r");
        file(root, "docs/internal.txt", "i");
        file(root, "node_modules/x/index.js", "");
        file(root, "main.c", "");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("file .dockerignore", "dir docs", "file docs/README.md", "file main.c"), walk(ctx, "."));
        assertEquals(ContextEntry.Type.DIR, ctx.resolve("docs").getFirst().type());
        assertEquals(List.of("file docs/README.md"), walk(ctx, "docs"));
        assertThrows(ContextException.class, () -> ctx.resolve("docs/internal.txt"));
        assertThrows(ContextException.class, () -> ctx.resolve("node_modules"));
        assertThrows(ContextException.class, () -> walk(ctx, "node_modules"));
    }

    @Test
    void dockerfileSpecificIgnoreFileWins() throws IOException {
        file(root, ".dockerignore", "a.txt\n");
        Path dockerfile = file(root, "build/app.Dockerfile", "FROM scratch\n");
        file(root, "build/app.Dockerfile.dockerignore", "b.txt\n");
        file(root, "a.txt", "a");
        file(root, "b.txt", "b");
        BuildContext specific = BuildContext.dir(root, dockerfile);
        assertEquals(List.of("b.txt"), specific.ignore().patterns());
        assertEquals(List.of("a.txt"), paths(specific.resolve("?.txt")));
        BuildContext plain = BuildContext.dir(root, root.resolve("Dockerfile"));
        assertEquals(List.of("b.txt"), paths(plain.resolve("?.txt")));
        assertEquals(List.of("a.txt", "b.txt"), paths(BuildContext.of(root, DockerIgnore.none()).resolve("?.txt")));
    }

    @Test
    void badIgnoreFileNamesFileAndLine() throws IOException {
        file(root, ".dockerignore", "ok\n[\n");
        ContextException e = assertThrows(ContextException.class, () -> BuildContext.dir(root));
        assertTrue(e.getMessage().endsWith(".dockerignore:2: syntax error in pattern \"[\": bad character class"), e.getMessage());
    }
}
