package dev.kiln.cache;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.ShellWords;
import dev.kiln.step.ContextSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bytes of the cache keys of every kind of instruction, pinned: a refactoring that changes what a key
 * hashes (and so invalidates every user's cache) fails here. Regenerate only on purpose (docs/cache-keys.md).
 */
class CacheKeysGoldenTest {
    static final Platform AMD64 = Platform.parse("linux/amd64");
    static final String DOCKERFILE = """
            FROM scratch
            ARG V=1
            ARG W
            ENV A=b C=$V
            LABEL l=$A
            USER 10:20
            EXPOSE 80 53/udp
            VOLUME /data
            STOPSIGNAL SIGTERM
            MAINTAINER me
            SHELL ["/bin/bash", "-c"]
            HEALTHCHECK --interval=5s CMD true
            ONBUILD RUN echo hi
            ENTRYPOINT ["/e"]
            CMD ["c"]
            COPY --chown=1:2 --chmod=0640 --link --exclude=*.md src/ /app/
            WORKDIR app
            WORKDIR $A
            ADD --chmod=755 one.txt two/
            COPY one.txt ./
            RUN echo $V
            RUN ["/bin/echo", "x"]
            RUN --mount=type=cache,target=/c --network=none echo cached
            COPY --parents src/./sub/ /p/
            ADD --keep-git-dir=false --unpack=true one.txt /u
            RUN <<EOT
            echo heredoc
            EOT
            RUN echo after
            """;
    @TempDir Path ctx;

    @BeforeEach
    void context() throws Exception {
        Files.createDirectories(ctx.resolve("src/sub"));
        Files.writeString(ctx.resolve("src/a.txt"), "a");
        Files.writeString(ctx.resolve("src/sub/b.txt"), "b");
        Files.writeString(ctx.resolve("src/readme.md"), "r");
        Files.writeString(ctx.resolve("one.txt"), "one");
        for (String f : List.of("src/a.txt", "src/sub/b.txt", "src/readme.md", "one.txt")) {
            Files.setPosixFilePermissions(ctx.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        for (String d : List.of("src", "src/sub")) {
            Files.setPosixFilePermissions(ctx.resolve(d), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private List<String> keys(String dockerfile, Map<String, String> args) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Dockerfile df = DockerfileParser.parse(dockerfile, "Dockerfile");
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(AMD64).withConfig(ContainerConfig.EMPTY), List.of());
        List<Digest> keys = CacheKeyPlan.of(df, args, ContextSources.open(ctx, ctx.resolve("Dockerfile")), base, AMD64,
                ShellWords.forEscape('\\'));
        return keys.stream().map(d -> d == null ? "-" : d.hex().substring(0, 16)).toList();
    }

    @Test
    void keysAreByteIdentical() throws Exception {
        assertEquals(List.of("-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-",
                "d9ef16f52516c25c", "6e8f3fa87d7c11e5", "e5c37dee5c32ca0a", "02feae722723d04a", "823d36172f4a2fb5",
                "73c0362af90cdf92", "95327562e3d86d32", "25d7f4d4bdb6da30", "53cdd0d97c2c42dc", "8b2fb30ce9eed660",
                "-", "-"), keys(DOCKERFILE, Map.of("V", "2")), "a RUN with a heredoc is not cacheable, nor anything after it");
    }
}
