package dev.kiln.fs.snapshot;

import dev.kiln.fs.nativeio.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** The base tree and the RUN-like mutation shared by the walk and overlay differential tests. */
final class Scenario {
    private Scenario() {}

    /** Every kind of change a RUN makes: add, modify, chmod, chown, delete file/tree, replace dir/file, recreate dir, hardlink. */
    static final String MUTATE = String.join(" && ", List.of(
            "touch x",
            "rm etc/motd",
            "rm -rf opt && mkdir opt && echo new > opt/new",
            "echo more >> etc/keep",
            "chmod 0600 etc/conf.d/a.conf",
            "chown 1000:1000 usr/bin/tool",
            "ln usr/bin/tool usr/bin/hard2",
            "rm -rf var/lib/data",
            "rm -rf srv/dir2file && ln -s /etc/keep srv/dir2file",
            "rm srv/file2dir && mkdir srv/file2dir && echo in > srv/file2dir/inner",
            "mkdir -p new/deep/tree && echo deep > new/deep/tree/f && ln -s tree/f new/deep/l",
            "chmod 0750 home/user"));

    /** The mutated tree really is mutated (guards the differential comparisons against comparing nothing). */
    static void assertMutated(java.util.Map<String, String> view) {
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.get("/srv/dir2file").startsWith("symlink -> /etc/keep"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.get("/srv/file2dir").startsWith("dir"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.get("/usr/bin/tool").endsWith("owner=1000:1000"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.get("/etc/conf.d/a.conf").contains("mode=600"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.get("/home/user").contains("mode=750 owner=1000:1000"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.containsKey("/opt/new") && view.containsKey("/new/deep/l"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertFalse(view.containsKey("/opt/a") || view.containsKey("/etc/motd")
                        || view.containsKey("/var/lib/data") || view.containsKey("/srv/dir2file/child"), view::toString),
                () -> org.junit.jupiter.api.Assertions.assertTrue(view.containsKey("/var/lib/keep") && view.containsKey("/opt"), view::toString));
    }

    static void buildLower(Path r) throws IOException {
        dir(r, "etc", 0755);
        file(r, "etc/motd", "hello\n", 0644);
        file(r, "etc/keep", "keep\n", 0644);
        dir(r, "etc/conf.d", 0755);
        file(r, "etc/conf.d/a.conf", "a=1\n", 0644);
        dir(r, "opt", 0755);
        dir(r, "opt/a", 0755);
        dir(r, "opt/a/b", 0700);
        file(r, "opt/a/b/c.txt", "c\n", 0640);
        file(r, "opt/x", "x\n", 0644);
        dir(r, "usr", 0755);
        dir(r, "usr/bin", 0755);
        file(r, "usr/bin/tool", "#!/bin/sh\necho tool\n", 04755);
        Files.createLink(r.resolve("usr/bin/hard"), r.resolve("usr/bin/tool"));
        Files.createSymbolicLink(r.resolve("usr/bin/link"), Path.of("tool"));
        dir(r, "var", 0755);
        dir(r, "var/lib", 0755);
        dir(r, "var/lib/data", 0755);
        dir(r, "var/lib/data/sub", 0755);
        file(r, "var/lib/data/sub/f", "f\n", 0644);
        file(r, "var/lib/keep", "k\n", 0644);
        dir(r, "srv", 0755);
        dir(r, "srv/dir2file", 0755);
        file(r, "srv/dir2file/child", "child\n", 0644);
        file(r, "srv/file2dir", "file\n", 0644);
        dir(r, "home", 0755);
        dir(r, "home/user", 0700);
        file(r, "home/user/.profile", "PS1=x\n", 0600);
        Native.lchown(r.resolve("home/user"), 1000, 1000);
        Native.lchown(r.resolve("home/user/.profile"), 1000, 1000);
        // old timestamps, so the RUN's changes are visible as in a real base image
        try (var s = Files.walk(r)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Native.lsetTimes(p, Instant.ofEpochSecond(1_600_000_000L), Instant.ofEpochSecond(1_600_000_000L));
            }
        }
    }

    static void dir(Path r, String rel, int mode) throws IOException {
        Path p = r.resolve(rel);
        Files.createDirectories(p);
        Files.setAttribute(p, "unix:mode", mode);
    }

    static void file(Path r, String rel, String content, int mode) throws IOException {
        Path p = r.resolve(rel);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setAttribute(p, "unix:mode", mode);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1_600_000_000L)));
    }

    /** Runs {@code sh -c script} in {@code dir}; fails with the output when it exits non-zero. */
    static void sh(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("sh -c '" + script + "' in " + dir + " failed: " + out);
    }

    /** Runs a command, returns its output; fails when it exits non-zero. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out;
    }
}
