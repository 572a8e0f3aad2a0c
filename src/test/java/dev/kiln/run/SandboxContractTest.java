package dev.kiln.run;

import dev.kiln.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.kiln.run.BusyboxRootfs.run;
import static dev.kiln.run.BusyboxRootfs.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every rootfs sandbox (chroot, oci) must do, on a real busybox rootfs. Needs root. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class SandboxContractTest {
    Path dir;
    Path rootfs;
    Path sentinel;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    abstract Sandbox sandbox();

    @BeforeAll
    void extract(@TempDir Path tmp) throws IOException {
        dir = tmp;
        rootfs = BusyboxRootfs.extract(dir);
        BusyboxRootfs.appendGroup(rootfs, "kilnsup:x:4321:nobody");
        sentinel = dir.resolve("sentinel");
        Files.writeString(sentinel, "host file\n");
    }

    @AfterAll
    void deleteRootfs() {
        BusyboxRootfs.delete(rootfs);
    }

    @Test
    void exitCodes() throws IOException {
        assertEquals(0, run(sandbox(), sh(rootfs, "true")).exit());
        assertEquals(3, run(sandbox(), sh(rootfs, "exit 3")).exit());
    }

    @Test
    void execFormFindsTheCommandOnTheContainersPath() throws IOException {
        var o = run(sandbox(), RunSpec.builder(rootfs, List.of("echo", "a  b", "c")));
        assertEquals("a  b c\n", o.stdout(), o.describe());
    }

    @Test
    void envDefaultsAndLines() throws IOException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox().run(sh(rootfs, "echo \"$FOO\"; echo \"$HOME\"; printf %s \"$PATH\"")
                .env("FOO=bar baz").stdoutLines(lines::add).build());
        assertEquals(0, r.exitCode());
        assertEquals(List.of("bar baz", "/root", RunEnv.DEFAULT_PATH), lines);
    }

    @Test
    void workdirIsCreatedOwnedByTheUserAndUsed() throws IOException {
        var o = run(sandbox(), sh(rootfs, "pwd; touch f").user("nobody").workdir("/work/deep"));
        assertEquals("/work/deep\n", o.stdout(), o.describe());
        Path wd = rootfs.resolve("work/deep");
        assertEquals(65534, Files.getAttribute(wd, "unix:uid"));
        assertEquals(65534, Files.getAttribute(rootfs.resolve("work"), "unix:uid"));
        assertEquals(65534, Files.getAttribute(wd.resolve("f"), "unix:uid"));
    }

    @Test
    void userNobodyOwnsWhatItCreates() throws IOException {
        var o = run(sandbox(), sh(rootfs, "id -u; id -g; touch /tmp/by-nobody").user("nobody"));
        assertEquals("65534\n65534\n", o.stdout(), o.describe());
        assertEquals(65534, Files.getAttribute(rootfs.resolve("tmp/by-nobody"), "unix:uid"));
        assertEquals(65534, Files.getAttribute(rootfs.resolve("tmp/by-nobody"), "unix:gid"));
    }

    @Test
    void supplementaryGroupsFromTheRootfsGroupFile() throws IOException {
        var o = run(sandbox(), sh(rootfs, "id -G").user("nobody"));
        assertTrue(List.of(o.stdout().trim().split(" ")).contains("4321"), o.describe());
        var explicit = run(sandbox(), sh(rootfs, "id -g; id -G").user("nobody:kilnsup"));
        assertEquals("4321\n4321\n", explicit.stdout(), explicit.describe());
        var numeric = run(sandbox(), sh(rootfs, "id -u; id -g").user("4242"));
        assertEquals("4242\n0\n", numeric.stdout(), numeric.describe());
    }

    @Test
    void unknownUserIsAClearError() {
        var e = assertThrows(SandboxException.class, () -> run(sandbox(), sh(rootfs, "true").user("app")));
        assertEquals("unable to find user app: no matching entries in passwd file", e.getMessage());
    }

    @Test
    void procDevAndResolvConf() throws IOException {
        var o = run(sandbox(), sh(rootfs, "grep '^Name:' /proc/self/status; echo x > /dev/null; "
                + "head -c 4 /dev/zero | wc -c; test -s /etc/resolv.conf && echo resolv; grep -c . /etc/hosts >/dev/null && echo hosts"));
        assertEquals("Name:\tgrep\n4\nresolv\nhosts\n", o.stdout(), o.describe());
        assertTrue(o.result().sandboxPaths().containsAll(List.of("/proc", "/dev", "/etc/resolv.conf", "/etc/hosts")));
        assertFalse(Files.exists(rootfs.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS), "mount point left behind");
        assertFalse(Files.exists(rootfs.resolve("etc/hosts"), LinkOption.NOFOLLOW_LINKS), "mount point left behind");
    }

    @Test
    void devHasRuncsNodesLinksAndMountsAndForgetsWrites() throws IOException {
        var o = run(sandbox(), sh(rootfs, "for d in null zero full random urandom tty; do test -c /dev/$d || echo no-$d; done; "
                + "for l in fd stdin stdout stderr ptmx; do test -L /dev/$l || echo no-$l; done; "
                + "test -d /dev/pts && test -d /dev/mqueue && echo dirs; echo shm > /dev/shm/x && cat /dev/shm/x; "
                + "echo made > /dev/made && cat /dev/made; echo out > /dev/stdout; head -c 3 /dev/zero | wc -c; "
                + "touch /sys/kiln-x 2>/dev/null || echo sys-ro"));
        assertEquals("dirs\nshm\nmade\nout\n3\nsys-ro\n", o.stdout(), o.describe());
        assertEquals(0, o.result().exitCode(), o.describe());
        assertFalse(Files.exists(rootfs.resolve("dev/made"), LinkOption.NOFOLLOW_LINKS), "a write to /dev stays in the run");
        assertTrue(o.result().sandboxPaths().containsAll(List.of("/proc", "/dev", "/sys")), o.result().sandboxPaths().toString());
    }

    @Test
    void bindMountSourceWithBlanksInItsPath() throws IOException {
        Path src = Files.createDirectories(dir.resolve("with blank\tand#hash"));
        Files.writeString(src.resolve("in"), "odd path\n");
        var o = run(sandbox(), sh(rootfs, "cat '/mnt/odd dir/in'")
                .mount(new BindMount(src, "/mnt/odd dir", true)));
        assertEquals("odd path\n", o.stdout(), o.describe());
    }

    @Test
    void networkNoneHasOnlyLoopback() throws IOException {
        var o = run(sandbox(), sh(rootfs, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '").network(NetworkMode.NONE));
        assertEquals("lo\n", o.stdout(), o.describe());
        var host = run(sandbox(), sh(rootfs, "tail -n +3 /proc/net/dev | wc -l"));
        assertTrue(Integer.parseInt(host.stdout().trim()) > 1, "default network shares the host's: " + host.describe());
    }

    @Test
    void backgroundProcessesAreKilled() throws IOException {
        String secs = String.valueOf(100_000 + ThreadLocalRandom.current().nextInt(800_000));
        var o = run(sandbox(), sh(rootfs, "sleep " + secs + " & echo started"));
        assertEquals("started\n", o.stdout(), o.describe());
        assertEquals(List.of(), Procs.withArgs("sleep", secs), "leftover background process");
    }

    @Test
    void hostIsUntouched() throws IOException {
        Path etcHosts = rootfs.resolve("etc/hosts");
        Files.createSymbolicLink(etcHosts, sentinel);
        try {
            var o = run(sandbox(), sh(rootfs, "cat /etc/hosts >/dev/null && echo ok").hostname("kiln-test"));
            assertEquals("ok\n", o.stdout(), o.describe());
        } finally {
            Files.delete(etcHosts);
        }
        assertEquals("host file\n", Files.readString(sentinel));
        assertFalse(Files.exists(rootfs.resolve(dir.toString().substring(1))), "directories made for the mount stay");
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        assertFalse(mountinfo.contains(rootfs.toRealPath().toString()), "mounts left in the host's namespace:\n" + mountinfo);
    }

    @Test
    void hostnameIsSet() throws IOException {
        var o = run(sandbox(), sh(rootfs, "hostname; grep -c kiln-box /etc/hosts").hostname("kiln-box"));
        assertEquals("kiln-box\n1\n", o.stdout(), o.describe());
    }

    @Test
    void bindMountReadonlyAndWritable() throws IOException {
        Path ro = Files.createDirectories(dir.resolve("ro-src"));
        Files.writeString(ro.resolve("in"), "from host\n");
        Path rw = Files.createDirectories(dir.resolve("rw-src"));
        var o = run(sandbox(), sh(rootfs, "cat /mnt/ro/in; touch /mnt/ro/x 2>/dev/null || echo readonly; echo w > /cache/out")
                .mount(new BindMount(ro, "/mnt/ro", true)).mount(new BindMount(rw, "/cache", false)));
        assertEquals("from host\nreadonly\n", o.stdout(), o.describe());
        assertEquals("w\n", Files.readString(rw.resolve("out")));
        assertFalse(Files.exists(rootfs.resolve("cache")), "bind mount point left in the rootfs");
    }
}
