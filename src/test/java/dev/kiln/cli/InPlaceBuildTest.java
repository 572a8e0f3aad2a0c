package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kiln build --isolation in-place} for real, but only ever inside a throwaway root: {@code unshare --mount --pid
 * --fork} with private propagation, an overlay of the host's / (upper dir on /dev/shm) with private /proc, /dev, /tmp
 * and /root and a read-only ~/.m2, then chroot — and kiln runs only after checking a marker written through that
 * overlay and that / is an overlay. Two builds in one root: a two-stage busybox Dockerfile (every
 * stage re-materialises /), then a 3-RUN one with {@code --single-snapshot --cleanup}. Both push to the test registry;
 * the images are checked from the host, and the host's / is checked untouched. Needs root.
 */
class InPlaceBuildTest {
    private static final Duration LIMIT = Duration.ofMinutes(6);

    @Test
    void buildsInPlaceInAThrowawayRootAndLeavesTheHostAlone() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "in-place builds need root");
        String reg = TestEnv.registry();
        Path scratch = Files.createTempDirectory(Path.of("/dev/shm"), "kiln-inplace-build-");
        Path sentinel = Files.createTempFile(Path.of("/var/tmp"), "kiln-inplace-sentinel-", ".txt");
        try {
            Files.writeString(sentinel, "host file " + UUID.randomUUID());
            String sentinelText = Files.readString(sentinel);
            String passwd = sha256(Path.of("/etc/passwd"));
            Set<String> mountsBefore = hostMounts();

            String tag = Long.toString(System.nanoTime(), 36);
            String dest1 = reg + "/test/inplace-stages:" + tag;
            String dest2 = reg + "/test/inplace-single:" + tag;
            Path ctx1 = context(scratch.resolve("ctx1"), """
                    FROM %s/busybox:latest AS base
                    ARG GREETING=hello
                    RUN echo "$GREETING from the base stage" > /base.txt && rm /etc/shadow
                    FROM base
                    ENV WHO=in-place
                    COPY greeting.txt /data/
                    WORKDIR /app
                    RUN cat /base.txt > out.txt && echo "$WHO" >> out.txt && cat /data/greeting.txt >> out.txt \\
                        && echo "app:x:1234:1234::/home/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group
                    COPY second.txt /app/
                    RUN mkdir -p /home/app && chown app:app /home/app && cat second.txt >> out.txt
                    USER app
                    CMD ["cat", "/app/out.txt"]
                    """.formatted(reg));
            Path ctx2 = context(scratch.resolve("ctx2"), """
                    FROM %s/busybox:latest
                    RUN echo one > /one.txt
                    RUN echo two > /two.txt && rm /etc/shadow
                    RUN echo three >> /one.txt
                    """.formatted(reg));

            // once / is busybox no second JVM can start there (no libc): one throwaway root per build
            Path root1 = Files.createDirectory(scratch.resolve("root1"));
            ToolResult r = inThrowawayRoot(root1, ctx1, kiln("build", "-c", "/kiln-context", "-d", dest1, "--insecure",
                    "--insecure-pull", "--isolation", "in-place", "--force", "-v", "debug"));
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(2, count(r.stderr(), "replaced / with the stage's filesystem"), "each stage with a RUN re-materialises /\n" + r.stderr());
            Path root2 = Files.createDirectory(scratch.resolve("root2"));
            ToolResult r2 = inThrowawayRoot(root2, ctx2, kiln("build", "-c", "/kiln-context", "-d", dest2, "--insecure",
                    "--insecure-pull", "--isolation", "in-place", "--force", "--single-snapshot", "--cleanup"));
            assertEquals(0, r2.exitCode(), r2.describe());

            ToolResult run = Tools.runImage(dest1);
            assertEquals("hello from the base stage\nin-place\ngreeting\nsecond\n", run.stdout(), run.describe());
            ToolResult check = Tools.runImage(dest1, "sh", "-c", "id -u; stat -c %u /home/app; pwd; "
                    + "for p in /etc/shadow /work /usr/lib/jvm /root/.m2 /tmp/kiln-build /.kiln-throwaway; do test -e $p && echo leaked $p; done; echo end");
            assertEquals("1234\n1234\n/app\nend\n", check.stdout(), check.describe());
            JsonNode cfg = Tools.skopeoInspectConfig(dest1);
            assertEquals("app", cfg.at("/config/User").asText());
            assertEquals("/app", cfg.at("/config/WorkingDir").asText());
            assertTrue(cfg.at("/config/Env").toString().contains("WHO=in-place"), cfg.toString());
            List<String> runs = new ArrayList<>();
            for (JsonNode h : cfg.get("history")) {
                if (h.get("created_by").asText().startsWith("RUN ")) runs.add(h.path("empty_layer").asText("false"));
            }
            assertEquals(List.of("false", "false", "false"), runs, "every RUN has its layer: " + cfg.get("history"));
            assertEquals(emptyLayers(cfg).stream().filter(e -> !e).count(), Tools.skopeoInspect(dest1).get("Layers").size());

            ToolResult single = Tools.runImage(dest2, "sh", "-c", "cat /one.txt /two.txt; ls /etc/shadow 2>/dev/null; echo end");
            assertEquals("one\nthree\ntwo\nend\n", single.stdout(), single.describe());
            assertEquals(2, Tools.skopeoInspect(dest2).get("Layers").size(), "base + one RUN layer");
            assertEquals(List.of(false, true, true, false), emptyLayers(Tools.skopeoInspectConfig(dest2)));

            // --cleanup emptied the throwaway root: the overlay's upper dir holds a whiteout for /bin
            assertEquals("character special file", Tools.run("stat", "-c", "%F", root2.resolve("u/bin").toString()).stdout().strip());
            assertFalse(Files.exists(root2.resolve("u/one.txt")));

            assertEquals(sentinelText, Files.readString(sentinel), "the host's files are untouched");
            assertEquals(passwd, sha256(Path.of("/etc/passwd")));
            assertTrue(Files.isSymbolicLink(Path.of("/bin")) || Files.exists(Path.of("/bin/sh")), "host /bin intact");
            assertFalse(Files.exists(Path.of("/one.txt")) || Files.exists(Path.of("/base.txt")) || Files.exists(Path.of("/app/out.txt")));
            assertEquals(mountsBefore, hostMounts(), "no mount leaked into the host's namespace");
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(scratch.toString()));
        } finally {
            Files.deleteIfExists(sentinel);
            Tools.run("rm", "-rf", "--one-file-system", scratch.toString());
        }
    }

    /**
     * Runs kiln as root of a throwaway overlay of the host's /, never on the host. Nothing of the host is writable from
     * there: /dev is a private tmpfs with null, zero, random, urandom and tty bound in, /tmp and /root are private tmpfs
     * (a container's volumes; the host's hold 600,000 files the wipe would only slow down), ~/.m2 (the class path's
     * jars) is bound read-only, /proc is the new pid namespace's. The build context is copied into the overlay.
     */
    private static ToolResult inThrowawayRoot(Path scratch, Path context, List<String> command) {
        String s = q(scratch.toString());
        String m = s + "/m";
        String token = UUID.randomUUID().toString();
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        List<String> setup = new ArrayList<>(List.of("set -eu",
                "mkdir " + s + "/u " + s + "/w " + m,
                "mount -t overlay overlay -o lowerdir=/,upperdir=" + s + "/u,workdir=" + s + "/w " + m,
                "mount -t proc proc " + m + "/proc",
                "mount -t tmpfs -o mode=755 tmpfs " + m + "/dev",
                "for d in null zero random urandom tty; do touch " + m + "/dev/$d; mount --bind /dev/$d " + m + "/dev/$d; done",
                "mkdir " + m + "/dev/shm " + m + "/dev/pts",
                "mount -t tmpfs -o mode=1777 tmpfs " + m + "/tmp",
                "mount -t tmpfs -o mode=700 tmpfs " + m + "/root"));
        if (Files.isDirectory(m2)) {
            String target = m + q(m2.toString());
            setup.add("mkdir -p " + target + " && mount --bind " + q(m2.toString()) + " " + target
                    + " && mount -o remount,bind,ro " + target);
        }
        // the checkout itself (kiln's classes) may live under /tmp or /root, which the tmpfs mounts above hide
        Path repo = Path.of(System.getProperty("kiln.basedir", ".")).toAbsolutePath().normalize();
        if (repo.startsWith("/tmp") || repo.startsWith("/root")) {
            String target = m + q(repo.toString());
            setup.add("mkdir -p " + target + " && mount --bind " + q(repo.toString()) + " " + target
                    + " && mount -o remount,bind,ro " + target);
        }
        setup.add("cp -a " + q(context.toString()) + " " + m + "/kiln-context");
        setup.add("echo " + token + " > " + m + "/.kiln-throwaway");
        String inside = "test \"$(cat /.kiln-throwaway)\" = " + token + " && test \"$(stat -f -c %T /)\" = overlayfs || "
                + "{ echo 'not in the throwaway root: refusing to run kiln' >&2; exit 99; }\n"
                + "exec " + words(command);
        setup.add("exec chroot " + m + " /bin/sh -c " + q(inside));
        return Tools.run(LIMIT, List.of("unshare", "--mount", "--pid", "--fork", "--propagation", "private",
                "/bin/sh", "-c", String.join("\n", setup)));
    }

    private static List<String> kiln(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Path context(Path dir, String dockerfile) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("greeting.txt"), "greeting\n");
        Files.writeString(dir.resolve("second.txt"), "second\n");
        return dir;
    }

    private static List<Boolean> emptyLayers(JsonNode cfg) {
        List<Boolean> out = new ArrayList<>();
        for (JsonNode h : cfg.get("history")) out.add(h.path("empty_layer").asBoolean(false));
        return out;
    }

    /** Mount points of this namespace, except the scratch areas other builds and tests mount under. */
    private static Set<String> hostMounts() throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length < 5) continue;
            String mp = f[4];
            if (mp.startsWith("/tmp/") || mp.startsWith("/dev/shm/") || mp.startsWith("/var/tmp/") || mp.startsWith("/run/")) continue;
            out.add(mp);
        }
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String words(List<String> ws) {
        return ws.stream().map(InPlaceBuildTest::q).collect(Collectors.joining(" "));
    }
}
