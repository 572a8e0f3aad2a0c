package dev.kiln.cache;

import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code kiln warm} fills a base-image cache; {@code kiln build --cache-dir} starts from it without pulling. */
class WarmTest {
    @TempDir Path tmp;

    @Test
    void warmImagesAndDockerfileBasesSkippingFreshOnesUnlessForced() throws Exception {
        String reg = TestEnv.registry();
        Path cache = tmp.resolve("cache");
        Path df = tmp.resolve("Dockerfile");
        Files.writeString(df, "ARG TAG=latest\nFROM " + reg + "/busybox:${TAG} AS a\nFROM a\nFROM scratch\n");
        ToolResult first = KilnProcess.run("warm", "--cache-dir", cache.toString(), "--dockerfile", df.toString(),
                "--build-arg", "TAG=layers", "--image", reg + "/busybox:latest", "--insecure-pull");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.stderr().contains("warmed 2 of 2"), first.stderr());
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(2, s.filter(p -> Files.isRegularFile(p.resolve("oci-layout"))).count());
        }
        BaseImageCache c = new BaseImageCache(cache);
        Path layout = c.layoutFor(Reference.parse(reg + "/busybox:layers").toString(), Platform.host());
        ToolResult valid = Tools.ociImageToolValidate(layout, BaseImageCache.REF);
        assertEquals(0, valid.exitCode(), valid.toString());

        ToolResult again = KilnProcess.run("warm", "-c", cache.toString(), "-i", reg + "/busybox:latest", "--insecure-pull");
        assertTrue(again.stderr().contains("already cached") && again.stderr().contains("warmed 0 of 1"), again.stderr());
        ToolResult forced = KilnProcess.run("warm", "-c", cache.toString(), "-i", reg + "/busybox:latest", "--insecure-pull", "--force");
        assertTrue(forced.stderr().contains("warmed 1 of 1"), forced.stderr());
        ToolResult expired = KilnProcess.run("warm", "-c", cache.toString(), "-i", reg + "/busybox:latest", "--insecure-pull", "--cache-ttl", "1ms");
        assertTrue(expired.stderr().contains("warmed 1 of 1"), expired.stderr());
    }

    @Test
    void buildUsesTheWarmedBaseWithoutPullingAndGivesTheSameDigest() throws Exception {
        String reg = TestEnv.registry();
        Path cache = tmp.resolve("cache");
        // an image cached under a name no registry serves: the build can only succeed from the cache
        String offline = "127.0.0.1:1/kiln-offline/busybox:1";
        RegistryOptions opts = RegistryOptions.DEFAULT.withInsecurePull(true);
        RegistryImages registry = new RegistryImages(opts, Credentials.NONE, EventSink.NONE);
        var img = registry.pull(Reference.parse(reg + "/busybox:latest"), Platform.host()).image();
        new BaseImageCache(cache).write(Reference.parse(offline).toString(), Platform.host(), img);

        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("a.txt"), "a\n");
        String body = "COPY a.txt /a.txt\nRUN cat /a.txt > /b.txt\nCMD [\"cat\", \"/b.txt\"]\n";
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + offline + "\n" + body);
        Files.writeString(ctx.resolve("Dockerfile.reg"), "FROM " + reg + "/busybox:latest\n" + body);
        String dest = reg + "/test/warm-build-" + System.nanoTime() + ":1";
        ToolResult fromCache = KilnProcess.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--cache-dir",
                cache.toString(), "--reproducible", "--isolation", "chroot", "--digest-file", ctx.resolve("d1").toString());
        assertEquals(0, fromCache.exitCode(), fromCache.toString());
        assertTrue(fromCache.stderr().contains("from " + cache), fromCache.stderr());
        assertEquals("a\n", Tools.runImage(dest).stdout());

        ToolResult pulled = KilnProcess.run("build", "-c", ctx.toString(), "-f", "Dockerfile.reg", "--no-push",
                "--insecure-pull", "--reproducible", "--isolation", "chroot", "--digest-file", ctx.resolve("d2").toString());
        assertEquals(0, pulled.exitCode(), pulled.toString());
        assertEquals(Files.readString(ctx.resolve("d1")), Files.readString(ctx.resolve("d2")),
                "same base content, same image, whether the base came from the cache or the registry");
        assertTrue(Duration.ofHours(336).equals(CacheOptions.DEFAULT_TTL));
    }
}
