package dev.kiln.run;

import dev.kiln.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

/** The chroot sandbox forced into its no-namespace mode (what it does in an unprivileged pod). Needs root. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DegradedChrootSandboxTest {
    Path rootfs;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    ChrootSandbox sandbox;

    @BeforeAll
    void extract(@TempDir Path dir) throws IOException {
        rootfs = BusyboxRootfs.extract(dir);
        sandbox = new ChrootSandbox(events::add, HostTools.standard(), ChrootSupport.degraded("forced by the test"));
    }

    @AfterAll
    void delete() {
        BusyboxRootfs.delete(rootfs);
    }

    @Test
    void runsWithDevNullAndWarnsOnce() throws IOException {
        var o = run(sandbox, sh(rootfs, "echo x > /dev/null && head -c 3 /dev/zero | wc -c; test -e /proc/self || echo noproc; test -s /etc/resolv.conf && echo resolv"));
        assertEquals("3\nnoproc\nresolv\n", o.stdout(), o.describe());
        assertTrue(o.result().degraded());
        run(sandbox, sh(rootfs, "true"));
        assertEquals(1, events.stream().filter(e -> e.level() == Event.Level.WARN).count(), events.toString());
        assertTrue(events.getFirst().message().contains("forced by the test"));
        assertFalse(Files.exists(rootfs.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS), "device node left in the rootfs");
        assertFalse(Files.exists(rootfs.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(o.result().sandboxPaths().contains("/dev/null"));
    }

    @Test
    void exitCodeUserAndWorkdir() throws IOException {
        assertEquals(3, run(sandbox, sh(rootfs, "exit 3")).exit());
        var o = run(sandbox, sh(rootfs, "id -u; pwd").user("nobody").workdir("/degraded/wd"));
        assertEquals("65534\n/degraded/wd\n", o.stdout(), o.describe());
        var exec = run(sandbox, RunSpec.builder(rootfs, List.of("echo", "exec form")));
        assertEquals("exec form\n", exec.stdout(), exec.describe());
    }

    @Test
    void backgroundProcessesAreKilled() throws IOException {
        String secs = String.valueOf(100_000 + ThreadLocalRandom.current().nextInt(800_000));
        var o = run(sandbox, sh(rootfs, "sleep " + secs + " >/dev/null 2>&1 & echo started"));
        assertEquals("started\n", o.stdout(), o.describe());
        assertEquals(List.of(), Procs.withArgs("sleep", secs));
        String secs2 = String.valueOf(100_000 + ThreadLocalRandom.current().nextInt(800_000));
        var held = run(sandbox, sh(rootfs, "setsid sleep " + secs2 + " & echo started"));
        assertEquals("started\n", held.stdout(), held.describe());
        assertEquals(List.of(), Procs.withArgs("sleep", secs2), "a process in a new session is found by its root");
    }
}
