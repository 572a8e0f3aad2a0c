package dev.kiln.pipeline;

import dev.kiln.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The digest-stability rule of issue 12: a {@code --reproducible} build with the default compression (gzip, no
 * explicit level) must produce, byte for byte, the image it produced before compression was made faster. The
 * digests below were produced by the single-threaded {@code GZIPOutputStream} writer of commit 7e3f49c; if this
 * test fails, the reproducible path no longer writes the same deflate stream (or the tar/config changed). The pins
 * also depend on the JDK's zlib (Temurin 25 here): a JDK whose deflate differs changes them for every gzip writer.
 */
class ReproducibleDigestTest {
    @TempDir Path tmp;

    @Test
    void reproducibleGzipBuildKeepsItsPinnedDigests() throws IOException {
        Path ctx = Files.createDirectories(tmp.resolve("context"));
        write(ctx.resolve("hello.txt"), "hello kiln\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        write(ctx.resolve("run.sh"), "#!/bin/sh\necho run\n".getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
        write(ctx.resolve("big.bin"), mixed(3 << 20), "rw-r-----");   // several deflate buffers and pipeline chunks
        Image image = new BuildFixture(tmp).build("""
                FROM scratch
                COPY hello.txt run.sh /app/
                COPY big.bin /data/big.bin
                ENV A=b
                """, Map.of());
        assertEquals("sha256:7debd721ec8e4ea03bf74a1953401c74705e2c52c3c4a43e8f0fdd9ea5e016bc", image.layers().get(0).descriptor().digest().toString());
        assertEquals("sha256:b3886aa4bca87c9564d9b8252f3f81a9af5d90ccc66e7264b0d31a0f6807b262", image.layers().get(1).descriptor().digest().toString());
        assertEquals("sha256:eae1bade754eaec35cb47b821222ac756036a1f1f7db556751f05173a25600c1", image.manifestBlob().descriptor().digest().toString());
    }

    private static void write(Path p, byte[] content, String perms) throws IOException {
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** Deterministic layer-like data: text lines, runs of zeros and random (incompressible) stretches. */
    static byte[] mixed(int size) {
        Random r = new Random(12);
        byte[] out = new byte[size];
        int i = 0;
        while (i < size) {
            int n = Math.min(size - i, 1 + r.nextInt(20000));
            switch (r.nextInt(3)) {
                case 0 -> {
                    for (int k = 0; k < n; k++) out[i + k] = (byte) ("line " + (i + k) / 40 + " of some config text\n").charAt(k % 24);
                }
                case 1 -> { /* zeros */ }
                default -> {
                    byte[] b = new byte[n];
                    r.nextBytes(b);
                    System.arraycopy(b, 0, out, i, n);
                }
            }
            i += n;
        }
        return out;
    }
}
