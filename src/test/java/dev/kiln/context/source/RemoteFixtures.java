package dev.kiln.context.source;

import com.github.luben.zstd.ZstdOutputStream;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** The one small context every scheme builds, packed as each source needs it, and put on the test servers. */
public final class RemoteFixtures {
    private RemoteFixtures() {}

    /** A busybox-based context: Dockerfile, files with fixed modes, a .dockerignore'd secret. */
    public static Path writeContext(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("app/data"));
        write(dir.resolve("Dockerfile"), """
                ARG REGISTRY
                FROM ${REGISTRY}/busybox:latest
                COPY hello.txt /
                COPY app/ /app/
                COPY *.txt /all/
                """, "rw-r--r--");
        write(dir.resolve("hello.txt"), "hello from a remote context\n", "rw-r--r--");
        write(dir.resolve("app/run.sh"), "#!/bin/sh\necho ran\n", "rwxr-xr-x");
        write(dir.resolve("app/data/x.txt"), "x\n", "rw-r--r--");
        write(dir.resolve("secret.txt"), "never copied\n", "rw-r--r--");
        write(dir.resolve(".dockerignore"), "secret.txt\n", "rw-r--r--");
        for (Path d : List.of(dir, dir.resolve("app"), dir.resolve("app/data"))) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private static void write(Path p, String text, String perms) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** Packs {@code dir} as a tar ({@code none|gzip|zstd|xz|bzip2}), entry names below {@code prefix} ("" for none). */
    public static Path tar(Path dir, Path out, String compression, String prefix) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream c = switch (compression) {
                 case "gzip" -> new GZIPOutputStream(file);
                 case "zstd" -> new ZstdOutputStream(file);
                 case "xz" -> new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(file);
                 case "bzip2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(file);
                 default -> file;
             };
             TarArchiveOutputStream tar = new TarArchiveOutputStream(c)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted().toList()) {
                    String rel = dir.relativize(p).toString();
                    String name = prefix + rel;
                    if (name.isEmpty()) continue;
                    boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                    TarArchiveEntry e = new TarArchiveEntry(isDir ? name + "/" : name);
                    e.setMode((isDir ? 040000 : 0100000) | mode(Files.getPosixFilePermissions(p)));
                    e.setModTime(Files.getLastModifiedTime(p));
                    if (!isDir) e.setSize(Files.size(p));
                    tar.putArchiveEntry(e);
                    if (!isDir) Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
        return out;
    }

    static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) m |= 1 << (8 - p.ordinal());
        return m;
    }

    private static String port(String url) {
        return String.valueOf(URI.create(url).getPort());
    }

    private static void script(String... args) {
        ToolResult r = Tools.run(args);
        Assertions.assertEquals(0, r.exitCode(), r.toString());
    }

    /** Puts {@code file} at s3://BUCKET/KEY on the test S3 server. */
    public static void s3Put(String bucketKey, Path file) {
        script(TestEnv.testbed().resolve("s3.sh").toString(), "put", port(TestEnv.require("KILN_TEST_S3_ENDPOINT")), bucketKey, file.toString());
    }

    public static void azurePut(String containerBlob, Path file) {
        script(TestEnv.testbed().resolve("azurite.sh").toString(), "put", port(TestEnv.require("KILN_TEST_AZURE_BLOB_ENDPOINT")), containerBlob, file.toString());
    }

    public static void gcsPut(String bucketObject, Path file) {
        script(TestEnv.testbed().resolve("gcs.sh").toString(), "put", port(TestEnv.require("KILN_TEST_GCS_ENDPOINT")), bucketObject, file.toString());
    }

    /** A fresh bare repo NAME.git on the git server whose URL is {@code httpUrl}; returns its commit id. */
    public static String gitRepo(String httpUrl, String repoDir, String name, Path src) throws IOException {
        Path repo = Path.of(repoDir, name + ".git");
        if (Files.exists(repo)) ResolvedContext.deleteTree(repo);
        ToolResult r = Tools.run(TestEnv.testbed().resolve("git-server.sh").toString(), "mkrepo", port(httpUrl), name, src.toString());
        Assertions.assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim();
    }
}
