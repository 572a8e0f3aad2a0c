package dev.kiln.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kiln.context.ContextFixture.file;
import static dev.kiln.context.ContextFixture.link;
import static dev.kiln.context.ContextFixture.paths;
import static dev.kiln.context.ContextFixture.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BuildContextSymlinkTest {
    @TempDir
    Path tmp;

    private Path context() throws IOException {
        return Files.createDirectories(tmp.resolve("ctx"));
    }

    @Test
    void namedSymlinkSourceIsFollowed() throws IOException {
        Path root = context();
        Path target = file(root, "real/data.txt", "payload");
        link(root, "link", "real/data.txt");
        link(root, "dirlink", "/real");
        BuildContext ctx = BuildContext.dir(root);
        ContextEntry e = ctx.resolve("link").getFirst();
        assertEquals("link", e.path());
        assertEquals(ContextEntry.Type.FILE, e.type());
        assertEquals(7, e.size());
        assertEquals(target.toRealPath(), e.absolute());
        assertEquals(ContextEntry.Type.DIR, ctx.resolve("dirlink").getFirst().type());
        assertEquals(List.of("file dirlink/data.txt"), walk(ctx, "dirlink"));
        assertEquals(List.of("dirlink/data.txt"), paths(ctx.resolve("dirlink/*.txt")));
        assertEquals(List.of("link"), paths(ctx.resolve("l?nk")));
    }

    @Test
    void symlinksOutsideTheContextAreNeverFollowed() throws IOException {
        Path root = context();
        file(tmp, "outside/secret", "top secret");
        link(root, "rel", "../outside/secret");
        link(root, "abs", tmp.resolve("outside").toString());
        link(root, "sub/up", "../../outside");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("link abs -> " + tmp.resolve("outside"), "link rel -> ../outside/secret",
                "dir sub", "link sub/up -> ../../outside"), walk(ctx, "."));
        assertThrows(ContextException.class, () -> ctx.resolve("rel"), "../ is clamped at the context root");
        assertThrows(ContextException.class, () -> ctx.resolve("abs/secret"), "absolute targets are inside the root");
        assertThrows(ContextException.class, () -> ctx.resolve("sub/up/secret"));
    }

    @Test
    void scopedResolutionStaysInsideTheRoot() throws IOException {
        Path root = context();
        file(root, "outside/secret", "inside copy");
        link(root, "rel", "../outside/secret");
        BuildContext ctx = BuildContext.dir(root);
        ContextEntry e = ctx.resolve("rel").getFirst();
        assertEquals(root.resolve("outside/secret").toRealPath(), e.absolute());
    }

    @Test
    void ignoredTargetOrLinkIsInvisible() throws IOException {
        Path root = context();
        file(root, ".dockerignore", "secret.txt\nhidden-link\n");
        file(root, "secret.txt", "s");
        link(root, "via", "secret.txt");
        link(root, "hidden-link", "ok.txt");
        file(root, "ok.txt", "ok");
        BuildContext ctx = BuildContext.dir(root);
        assertThrows(ContextException.class, () -> ctx.resolve("via"));
        assertThrows(ContextException.class, () -> ctx.resolve("hidden-link"));
    }

    @Test
    void walkTerminatesOnLoopsAndDanglingLinks() throws IOException {
        Path root = context();
        link(root, "loop", ".");
        link(root, "dangling", "nowhere");
        link(root, "self", "self");
        BuildContext ctx = BuildContext.dir(root);
        assertEquals(List.of("link dangling -> nowhere", "link loop -> .", "link self -> self"), walk(ctx, "."));
        assertThrows(ContextException.class, () -> ctx.resolve("dangling"));
        assertThrows(ContextException.class, () -> ctx.resolve("self"));
        assertEquals(ContextEntry.Type.DIR, ctx.resolve("loop/loop/loop").getFirst().type());
    }

    @Test
    void walkOrderIsDeterministic() throws IOException {
        Path root = context();
        for (String n : List.of("b", "a.txt", "a/z", "a/b/c", "A", "a-b", "_")) file(root, n, n);
        BuildContext ctx = BuildContext.dir(root);
        List<String> expected = List.of("file A", "file _", "dir a", "dir a/b", "file a/b/c", "file a/z",
                "file a-b", "file a.txt", "file b");
        assertEquals(expected, walk(ctx, "."));
        assertEquals(expected, walk(ctx, "/"));
        assertEquals(List.of("dir a/b", "file a/b/c", "file a/z"), walk(ctx, "a"));
        ctx.walk(Path.of("a/b"), e -> assertEquals("a/b/c", e.path()));
    }
}
