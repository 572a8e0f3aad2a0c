package dev.kiln.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WorkDirsTest {
    @TempDir Path tmp;

    private Path marked(String name, String owner) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve(WorkDirs.MARKER), owner);
        return d;
    }

    @Test
    void aNewWorkDirIsMarkedWithThisProcessAndItsStartTime() throws Exception {
        Path d = WorkDirs.create(tmp.resolve("root"), "kiln-build-");
        WorkDirs.Owner me = WorkDirs.Owner.current();
        assertEquals("pid=" + me.pid() + "\nstart=" + me.startMillis() + "\npidns=" + me.pidNamespace() + "\n",
                Files.readString(d.resolve(WorkDirs.MARKER)));
        assertTrue(me.pidNamespace().startsWith("pid:["), me.pidNamespace());
        assertTrue(me.alive());
        assertEquals(List.of(), WorkDirs.sweep(tmp.resolve("root"), List.of()), "a running build's dir is never taken");
    }

    @Test
    void onlyMarkedDirsOfGoneProcessesAreClaimed() throws Exception {
        WorkDirs.Owner me = WorkDirs.Owner.current();
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        String ns = "\npidns=" + me.pidNamespace() + "\n";
        marked("kiln-build-dead", "pid=" + done.pid() + "\nstart=1" + ns);
        marked("kiln-build-reused", "pid=" + me.pid() + "\nstart=" + (me.startMillis() - 5000) + ns); // same pid, other process
        marked("kiln-build-live", "pid=" + me.pid() + "\nstart=" + me.startMillis() + ns);
        marked("kiln-build-other-container", "pid=" + done.pid() + "\nstart=1\npidns=pid:[1]\n"); // its pids mean nothing here
        marked("kiln-build-no-namespace", "pid=" + done.pid() + "\nstart=1\n");
        Files.createDirectories(tmp.resolve("kiln-build-unmarked"));
        marked("other-dir", "pid=" + done.pid() + ns);

        List<WorkDirs.Leftover> left = WorkDirs.sweep(tmp, List.of());
        assertEquals(2, left.size(), left.toString());
        for (WorkDirs.Leftover l : left) {
            assertTrue(l.dir().getFileName().toString().endsWith("-" + me.pid() + ".removing"), l.toString());
            assertTrue(Files.readString(l.dir().resolve(WorkDirs.MARKER)).contains("pid=" + me.pid() + "\n"),
                    "claimed: a run starting meanwhile leaves it alone");
        }
        assertFalse(Files.exists(tmp.resolve("kiln-build-dead")) || Files.exists(tmp.resolve("kiln-build-reused")));
        for (String kept : List.of("kiln-build-live", "kiln-build-other-container", "kiln-build-no-namespace", "kiln-build-unmarked", "other-dir")) {
            assertTrue(Files.exists(tmp.resolve(kept)), kept);
        }
        assertEquals(List.of(), WorkDirs.sweep(tmp, List.of()), "claimed dirs now belong to this live process");
    }

    @Test
    void mountsLeftInsideAreFoundDeepestFirst() {
        List<Path> mounts = List.of(Path.of("/w/kiln-build-1/ov-1/merged"), Path.of("/w/kiln-build-1/ov-1/merged/proc"),
                Path.of("/w/kiln-build-10"), Path.of("/"));
        assertEquals(List.of(Path.of("/w/kiln-build-1/ov-1/merged/proc"), Path.of("/w/kiln-build-1/ov-1/merged")),
                WorkDirs.mountsBelow(Path.of("/w/kiln-build-1"), mounts));
    }

    @Test
    void diskFullMessagesNameThePath() {
        var e = DiskFull.explain(new java.io.IOException("No space left on device"), tmp.resolve("layer.tar.gz"), "a layer");
        assertInstanceOf(DiskFullException.class, e);
        assertTrue(e.getMessage().startsWith("no space left on device writing " + tmp.resolve("layer.tar.gz") + " (a layer): "), e.getMessage());
        var other = new java.io.IOException("Permission denied");
        assertSame(other, DiskFull.explain(other, tmp, "x"));
        assertEquals("3.0 MiB", DiskFull.bytes(3 * 1024 * 1024));
        assertEquals("512 B", DiskFull.bytes(512));
    }
}
