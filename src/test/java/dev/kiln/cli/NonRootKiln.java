package dev.kiln.cli;

import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.Trees;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kiln as uid 65534 with no capabilities ({@code setpriv --reuid 65534 --regid 65534 --clear-groups --inh-caps=-all}),
 * in a JVM of its own, under one of three user-namespace situations made without touching the machine's files: the
 * test (root) starts kiln in a private mount namespace with its own /etc/subuid and /etc/subgid bound over the
 * standard ones (newuidmap reads only those), and for {@link Userns#REFUSED} inside a user namespace whose
 * {@code user.max_user_namespaces} is 0.
 */
final class NonRootKiln implements AutoCloseable {
    static final int NOBODY = 65534;
    /** Host ids the subordinate range of {@link Userns#RANGES} starts at. */
    static final int SUB_START = 200000;

    enum Userns {
        /** user namespaces refused (as in most restricted pods) */
        REFUSED,
        /** allowed, no subordinate ids for uid 65534: only root is mapped */
        ROOT_ONLY,
        /** allowed, uid 65534 has 65536 subordinate uids and gids */
        RANGES,
        /** as RANGES, but kiln runs with NoNewPrivs (allowPrivilegeEscalation: false): setuid newuidmap cannot map them */
        RANGES_NO_NEW_PRIVS
    }

    private final Path dir;
    private final String classPath;

    private NonRootKiln(Path dir, String classPath) {
        this.dir = dir;
        this.classPath = classPath;
    }

    /** Skips the test unless it runs as root with setpriv, unshare and mount. */
    static NonRootKiln create(String prefix) throws IOException {
        assumeTrue(ProcessOwner.current().root(), "needs root to switch to uid 65534 with setpriv");
        for (String t : List.of("/usr/bin/setpriv", "/usr/bin/unshare", "/usr/bin/mount")) {
            assumeTrue(Files.isExecutable(Path.of(t)), t + " (util-linux) is not installed");
        }
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        NonRootKiln k = new NonRootKiln(dir, readableClassPath(dir.resolve("cp")));
        Files.writeString(dir.resolve("subid-none"), "");
        Files.writeString(dir.resolve("subid-nobody"), NOBODY + ":" + SUB_START + ":65536\n");
        Files.writeString(dir.resolve("subid-root"), "root:0:65536\n");
        return k;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        Trees.delete(dir);
    }

    /** kiln's class path, with the jars nobody cannot read (Maven's repository under /root) copied beside. */
    static String readableClassPath(Path cp) throws IOException {
        Files.createDirectories(cp);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isDirectory(p) || !Files.exists(p)) {
                out.add(e);
            } else {
                Path copy = cp.resolve((n++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                out.add(copy.toString());
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /** A build context with {@code dockerfile}, readable by nobody. */
    Path context(String name, String dockerfile) throws IOException {
        Path ctx = Files.createDirectories(dir.resolve(name));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        try (var s = Files.walk(ctx)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return ctx;
    }

    /** {@code kiln build} as nobody under {@code userns}, with a work dir and HOME of its own. */
    ToolResult build(Userns userns, Path ctx, String destination, String... extra) throws IOException {
        Path work = Files.createTempDirectory(dir, "nobody-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(work, "unix:uid", NOBODY);
        List<String> kiln = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid", "" + NOBODY, "--regid", "" + NOBODY,
                "--clear-groups", "--inh-caps=-all", "/usr/bin/env", "HOME=" + work, "DOCKER_CONFIG=" + work, "TMPDIR=" + work,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, Main.class.getName(), "build", "--context", ctx.toString(), "--destination", destination,
                "--insecure", "--insecure-pull", "--reproducible", "--kaniko-dir", work.toString(), "-v", "debug"));
        kiln.addAll(List.of(extra));
        if (userns == Userns.RANGES_NO_NEW_PRIVS) kiln.add(1, "--no-new-privs");
        String subids = switch (userns) {
            case REFUSED -> "subid-root";
            case ROOT_ONLY -> "subid-none";
            case RANGES, RANGES_NO_NEW_PRIVS -> "subid-nobody";
        };
        String bind = "mount --bind " + dir.resolve(subids) + " /etc/subuid && mount --bind " + dir.resolve(subids) + " /etc/subgid && ";
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c"));
        if (userns == Userns.REFUSED) {
            // a user namespace mapping ids 0-65535 to themselves, in which no further user namespace may be made
            cmd.add(bind + "exec /usr/bin/unshare --user --map-users=0,0,65536 --map-groups=0,0,65536 --setgroups allow -- "
                    + "/bin/sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec \"$@\"' kiln-refused \"$@\"");
        } else {
            cmd.add(bind + "exec \"$@\"");
        }
        cmd.add("kiln-nonroot");
        cmd.addAll(kiln);
        return Tools.run(Duration.ofMinutes(6), cmd);
    }
}
