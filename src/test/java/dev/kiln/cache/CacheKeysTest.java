package dev.kiln.cache;

import dev.kiln.cache.CacheKeyPlan;
import dev.kiln.step.ContextSources;
import dev.kiln.plan.ShellWords;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Cache keys change when, and only when, something an instruction reads changes. */
class CacheKeysTest {
    static final Platform AMD64 = Platform.parse("linux/amd64");
    static final String DOCKERFILE = """
            FROM scratch
            ARG V=1
            ENV A=b
            COPY src/ /app/
            WORKDIR /app
            COPY --chown=${OWNER:-0} one.txt /one
            RUN echo static
            RUN echo $V
            """;
    // instruction indexes: 0 ARG, 1 ENV, 2 COPY src, 3 WORKDIR, 4 COPY one, 5 RUN static, 6 RUN $V
    @TempDir Path ctx;

    @BeforeEach
    void context() throws Exception {
        Files.createDirectories(ctx.resolve("src/sub"));
        Files.writeString(ctx.resolve("src/a.txt"), "a");
        Files.writeString(ctx.resolve("src/sub/b.txt"), "b");
        Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("a.txt"));
        Files.writeString(ctx.resolve("one.txt"), "one");
        Files.writeString(ctx.resolve("unrelated.txt"), "x");
        Files.writeString(ctx.resolve(".dockerignore"), "src/ignored*\n");
    }

    private List<Digest> keys(String dockerfile, Map<String, String> args) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Dockerfile df = DockerfileParser.parse(dockerfile, "Dockerfile");
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(AMD64).withConfig(ContainerConfig.EMPTY), List.of());
        return CacheKeyPlan.of(df, args, ContextSources.open(ctx, ctx.resolve("Dockerfile")), base, AMD64, ShellWords.forEscape('\\'));
    }

    private List<Digest> keys() throws Exception {
        return keys(DOCKERFILE, Map.of());
    }

    /** Index of the first differing key among the filesystem instructions (2..6), or -1. */
    private static int firstChange(List<Digest> a, List<Digest> b) {
        for (int i = 0; i < a.size(); i++) if (!java.util.Objects.equals(a.get(i), b.get(i))) return i;
        return -1;
    }

    @Test
    void sameInputsSameKeysAndEveryFilesystemInstructionHasOne() throws Exception {
        List<Digest> k = keys();
        assertEquals(k, keys());
        assertNull(k.get(0));
        assertNull(k.get(1));
        for (int i = 2; i <= 6; i++) assertNotNull(k.get(i), "key " + i);
        assertEquals(5, k.stream().filter(java.util.Objects::nonNull).distinct().count());
    }

    @Test
    void changedSourceContentMissesFromThatCopyOn() throws Exception {
        List<Digest> before = keys();
        Files.writeString(ctx.resolve("src/sub/b.txt"), "B");
        List<Digest> after = keys();
        assertEquals(2, firstChange(before, after));
        for (int i = 2; i <= 6; i++) assertNotEquals(before.get(i), after.get(i));
        Files.writeString(ctx.resolve("src/sub/b.txt"), "b");
        Files.writeString(ctx.resolve("one.txt"), "ONE");
        assertEquals(4, firstChange(before, keys()));
    }

    @Test
    void modeSymlinkTargetAndNewFilesChangeTheKey() throws Exception {
        List<Digest> before = keys();
        Files.setPosixFilePermissions(ctx.resolve("src/a.txt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Digest> mode = keys();
        assertEquals(2, firstChange(before, mode));
        Files.delete(ctx.resolve("src/link"));
        Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("sub/b.txt"));
        List<Digest> link = keys();
        assertEquals(2, firstChange(mode, link));
        Files.writeString(ctx.resolve("src/new.txt"), "");
        assertEquals(2, firstChange(link, keys()));
    }

    @Test
    void mtimeIgnoredFilesAndUnreadFilesDoNotChangeTheKey() throws Exception {
        List<Digest> before = keys();
        Files.setLastModifiedTime(ctx.resolve("src/a.txt"), FileTime.fromMillis(0));
        Files.writeString(ctx.resolve("src/ignored.txt"), "dockerignored");
        Files.writeString(ctx.resolve("unrelated.txt"), "changed");
        assertEquals(before, keys());
    }

    @Test
    void buildArgChangesOnlyTheInstructionsThatReadIt() throws Exception {
        List<Digest> before = keys(DOCKERFILE, Map.of("V", "1"));
        assertEquals(before, keys(), "--build-arg V=1 equals the default 1");
        List<Digest> after = keys(DOCKERFILE, Map.of("V", "2"));
        // COPY and WORKDIR do not read V; every RUN's environment holds the declared ARG (as BuildKit)
        assertEquals(5, firstChange(before, after));
        assertEquals(before, keys(DOCKERFILE, Map.of("V", "1", "OWNER", "1000")), "an undeclared build arg is not in scope");
        assertEquals(before, keys(DOCKERFILE.replace("${OWNER:-0}", "0"), Map.of("V", "1")), "--chown expands to the same text");
        assertEquals(4, firstChange(before, keys(DOCKERFILE.replace("${OWNER:-0}", "1000"), Map.of("V", "1"))));
        String undeclaredUse = DOCKERFILE.replace("ARG V=1\n", "").replace("RUN echo $V", "ARG V=1\nRUN echo $V");
        List<Digest> late = keys(undeclaredUse, Map.of("V", "1"));
        List<Digest> late2 = keys(undeclaredUse, Map.of("V", "2"));
        assertEquals(6, firstChange(late, late2), "a RUN before the ARG keeps its key");
    }

    @Test
    void instructionTextEnvAndWorkdirChainIntoLaterKeys() throws Exception {
        List<Digest> before = keys();
        assertEquals(2, firstChange(before, keys(DOCKERFILE.replace("ENV A=b", "ENV A=c"), Map.of())));
        assertEquals(3, firstChange(before, keys(DOCKERFILE.replace("WORKDIR /app", "WORKDIR /app2"), Map.of())));
        assertEquals(6, firstChange(before, keys(DOCKERFILE.replace("RUN echo $V", "RUN echo $V x"), Map.of())));
        assertEquals(5, firstChange(before, keys(DOCKERFILE.replace("RUN echo static", "RUN echo static2"), Map.of())));
    }

    @Test
    void encodingIsUnambiguous() {
        assertNotEquals(new KeyEncoder("t").strs("l", List.of("a", "b")).finish(),
                new KeyEncoder("t").strs("l", List.of("ab")).finish());
        assertNotEquals(new KeyEncoder("t").str("a", "b-c").finish(), new KeyEncoder("t").str("a-b", "c").finish());
        assertNotEquals(new KeyEncoder("t").str("a", null).finish(), new KeyEncoder("t").str("a", "").finish());
        assertNotEquals(new KeyEncoder("t").map("m", Map.of("a=b", "c")).finish(),
                new KeyEncoder("t").map("m", Map.of("a", "b=c")).finish());
        assertEquals(new KeyEncoder("t").map("m", Map.of("x", "1", "y", "2")).finish(),
                new KeyEncoder("t").map("m", new java.util.TreeMap<>(Map.of("y", "2", "x", "1"))).finish());
    }

    @Test
    void durationsParseAsKaniko() {
        assertEquals(java.time.Duration.ofHours(336), CacheOptions.parseDuration("336h"));
        assertEquals(java.time.Duration.ofMinutes(90), CacheOptions.parseDuration("1h30m"));
        assertEquals(java.time.Duration.ofMillis(1500), CacheOptions.parseDuration("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> CacheOptions.parseDuration("2 weeks"));
    }
}
