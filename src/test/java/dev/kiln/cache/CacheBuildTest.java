package dev.kiln.cache;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The layer cache end to end against the test registry: hits, misses, TTL, backends, digests, no needless work. */
class CacheBuildTest {
    private static final Pattern HIT = Pattern.compile("using cached layer for Dockerfile:(\\d+)");
    private static final Pattern MISS = Pattern.compile("no cached layer for Dockerfile:(\\d+)");
    @TempDir Path tmp;

    private Path context(String name, String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve(name));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile.replace("REG", TestEnv.registry()));
        Files.writeString(ctx.resolve("a.txt"), "a\n");
        Files.writeString(ctx.resolve("b.txt"), "b\n");
        return ctx;
    }

    private static String uniqueRepo(String what) {
        return TestEnv.registry() + "/test/cache-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ToolResult build(Path ctx, String dest, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "-c", ctx.toString(), "--insecure", "--insecure-pull",
                "--isolation", "chroot", "--reproducible", "--cache", "--cache-copy-layers", "-v", "debug",
                "--digest-file", ctx.resolve("digest").toString()));
        if (dest == null) args.add("--no-push");
        else args.addAll(List.of("-d", dest));
        args.addAll(List.of(extra));
        ToolResult r = KilnProcess.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stderr().contains("WARN"), r.stderr());
        return r;
    }

    private static String digest(Path ctx) throws Exception {
        return Files.readString(ctx.resolve("digest")).strip();
    }

    private static List<Integer> lines(Pattern p, String stderr) {
        List<Integer> out = new ArrayList<>();
        Matcher m = p.matcher(stderr);
        while (m.find()) out.add(Integer.parseInt(m.group(1)));
        return out;
    }

    static final String DOCKERFILE = """
            FROM REG/busybox:latest
            ARG V=1
            RUN echo first > /first
            COPY a.txt /app/
            WORKDIR /app
            COPY b.txt .
            RUN cat a.txt b.txt > ab.txt
            RUN echo "v=$V" > /v.txt
            CMD ["cat", "/app/ab.txt", "/v.txt"]
            """;

    @Test
    void warmRebuildHitsEverythingExtractsNothingAndGivesTheSameDigest() throws Exception {
        Path ctx = context("ctx", DOCKERFILE);
        String dest = uniqueRepo("full") + ":1";
        ToolResult cold = build(ctx, dest);
        assertEquals(List.of(3, 4, 5, 6, 7, 8), lines(MISS, cold.stderr()));
        String coldDigest = digest(ctx);

        ToolResult warm = build(ctx, dest);
        assertEquals(List.of(3, 4, 5, 6, 7, 8), lines(HIT, warm.stderr()), warm.stderr());
        assertTrue(warm.stderr().contains("rootfs extracted: false; filesystem indexed: false"), warm.stderr());
        assertFalse(warm.stderr().contains(" entries, "), "no layer was extracted: " + warm.stderr());
        assertEquals(coldDigest, digest(ctx));
        ToolResult run = Tools.runImage(dest);
        assertEquals("a\nb\nv=1\n", run.stdout(), run.toString());

        Files.writeString(ctx.resolve("b.txt"), "B\n");
        ToolResult changed = build(ctx, dest);
        assertEquals(List.of(3, 4, 5), lines(HIT, changed.stderr()), "hits before the changed COPY");
        assertEquals(List.of(6, 7, 8), lines(MISS, changed.stderr()), "misses from the changed COPY on");
        assertNotEquals(coldDigest, digest(ctx));
        assertEquals("a\nB\nv=1\n", Tools.runImage(dest).stdout());
    }

    @Test
    void changedBuildArgMissesOnlyFromTheRunThatReadsIt() throws Exception {
        String df = DOCKERFILE.replace("ARG V=1\n", "").replace("RUN echo \"v=$V\"", "ARG V=1\nRUN echo \"v=$V\"");
        Path ctx = context("ctx", df);
        String dest = uniqueRepo("arg") + ":1";
        build(ctx, dest);
        ToolResult r = build(ctx, dest, "--build-arg", "V=2");
        assertEquals(List.of(2, 3, 4, 5, 6), lines(HIT, r.stderr()), r.stderr());
        assertEquals(List.of(8), lines(MISS, r.stderr()));
        assertEquals("a\nb\nv=2\n", Tools.runImage(dest).stdout());
    }

    @Test
    void entriesOlderThanTheTtlAreMisses() throws Exception {
        Path ctx = context("ctx", DOCKERFILE);
        String dest = uniqueRepo("ttl") + ":1";
        build(ctx, dest);
        ToolResult expired = build(ctx, dest, "--cache-ttl", "1ms");
        assertTrue(lines(HIT, expired.stderr()).isEmpty(), expired.stderr());
        assertTrue(expired.stderr().contains("is older than --cache-ttl"), expired.stderr());
        ToolResult fresh = build(ctx, dest, "--cache-ttl", "1h");
        assertEquals(6, lines(HIT, fresh.stderr()).size(), fresh.stderr());
    }

    @Test
    void ociLayoutBackendAndNoPushCache() throws Exception {
        Path ctx = context("ctx", DOCKERFILE);
        Path cache = tmp.resolve("cache-layout");
        ToolResult dry = build(ctx, null, "--cache-repo", "oci:" + cache, "--no-push-cache");
        assertFalse(Files.exists(cache.resolve("index.json")), "--no-push-cache wrote nothing");
        build(ctx, null, "--cache-repo", "oci:" + cache);
        String cold = digest(ctx);
        assertTrue(Files.isRegularFile(cache.resolve("index.json")));
        ToolResult warm = build(ctx, null, "--cache-repo", "oci:" + cache);
        assertEquals(6, lines(HIT, warm.stderr()).size(), warm.stderr());
        assertEquals(cold, digest(ctx));
        assertTrue(warm.stderr().contains("rootfs extracted: false"), warm.stderr());
        assertEquals(6, lines(MISS, dry.stderr()).size());
    }

    @Test
    void concurrentBuildsShareOneCacheWithoutCorruptingIt() throws Exception {
        String repo = uniqueRepo("shared");
        Path layout = tmp.resolve("shared-layout");
        for (String cacheRepo : List.of(repo + "/cache", "oci:" + layout)) {
            Path c1 = context("one-" + cacheRepo.hashCode(), DOCKERFILE);
            Path c2 = context("two-" + cacheRepo.hashCode(), DOCKERFILE.replace("echo first", "echo second"));
            List<Process> ps = new ArrayList<>();
            for (Path c : List.of(c1, c2)) {
                List<String> cmd = KilnProcess.command("build", "-c", c.toString(), "--insecure", "--insecure-pull",
                        "--isolation", "chroot", "--reproducible", "--cache", "--cache-copy-layers", "--no-push",
                        "--cache-repo", cacheRepo, "--digest-file", c.resolve("digest").toString());
                ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(c.resolve("log").toFile()).start());
            }
            for (int i = 0; i < ps.size(); i++) {
                assertTrue(ps.get(i).waitFor(5, java.util.concurrent.TimeUnit.MINUTES));
                assertEquals(0, ps.get(i).exitValue(), Files.readString(List.of(c1, c2).get(i).resolve("log")));
            }
            for (Path c : List.of(c1, c2)) {
                String first = digest(c);
                ToolResult again = build(c, null, "--cache-repo", cacheRepo);
                assertEquals(6, lines(HIT, again.stderr()).size(), cacheRepo + ": " + again.stderr());
                assertEquals(first, digest(c), cacheRepo);
            }
        }
    }
}
