package dev.kiln.rootfs;

import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.snapshot.Change;
import dev.kiln.fs.snapshot.Diff;
import dev.kiln.fs.snapshot.SnapshotIndex;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.NsOwner;
import dev.kiln.run.UserNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A RUN in a user namespace on a rootfs kiln (uid 4242 here) filled while not root: the recorded owners the
 * namespace can show are set before the RUN, and afterwards the map takes the reported owners, root for the other
 * changed paths, and the paths only set and given back leave the diff.
 */
class NamespaceOwnersTest {
    private static final ProcessOwner KILN = new ProcessOwner(4242, 4242);
    private static final UserNamespace NS = new UserNamespace(4242, true, 65536, 65536, "test");
    @TempDir Path root;

    private Path file(String name, String perms) throws IOException {
        Path p = Files.writeString(root.resolve(name), name);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setAttribute(p, "unix:uid", KILN.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", KILN.gid(), LinkOption.NOFOLLOW_LINKS);
        return p;
    }

    @Test
    void ownersAreSetBeforeAndReconciledAfterARun() throws IOException {
        assumeTrue(ProcessOwner.current().root(), "needs root to give the test files kiln's uid");
        VirtualOwnership v = new VirtualOwnership(KILN);
        file("a", "rw-r--r--");
        v.put("/a", new VirtualOwnership.Recorded(0, 0, 0644), 0644);
        Path shadow = file("shadow", "rw-r-----");
        v.put("/shadow", new VirtualOwnership.Recorded(0, 42, 0640), 0640);
        file("m", "rw-------");
        v.put("/m", new VirtualOwnership.Recorded(0, 0, 0), 0600);
        file("u", "rw-r--r--");
        v.put("/u", new VirtualOwnership.Recorded(70000, 0, 0644), 0644);

        List<NsOwner> set = NamespaceOwners.toSet(v, root, NS);
        assertEquals(List.of(new NsOwner("/m", 0, 0, 0), new NsOwner("/shadow", 0, 42, 0640)), set);

        SnapshotIndex before = SnapshotIndex.build(root, Set.of(), SnapshotMode.WALK);
        Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-r-----")); // set and given back: ctime only
        Files.writeString(root.resolve("a"), "changed");
        Files.delete(root.resolve("m"));
        file("new", "rw-r--r--");
        file("mine", "rwxr-xr-x");
        SnapshotIndex after = SnapshotIndex.build(root, Set.of(), SnapshotMode.WALK);
        Diff diff = Diff.between(before, after, SnapshotMode.WALK);

        Diff kept = NamespaceOwners.reconcile(v, diff, before, after, List.of(new NsOwner("/new", 1000, 1000, 0640)), set, NS);
        assertEquals(List.of("/a", "/m", "/mine", "/new"), kept.changes().stream().map(Change::path).sorted().toList());
        assertEquals(Optional.of(new VirtualOwnership.Recorded(1000, 1000, 0640)), v.get("/new"));
        assertEquals(Optional.of(new VirtualOwnership.Recorded(0, 0, 0755)), v.get("/mine"));
        assertEquals(Optional.of(new VirtualOwnership.Recorded(0, 0, 0644)), v.get("/a"));
        assertEquals(Optional.of(new VirtualOwnership.Recorded(0, 42, 0640)), v.get("/shadow"));
        assertEquals(Optional.empty(), v.get("/m"));
        assertEquals(Optional.of(new VirtualOwnership.Recorded(70000, 0, 0644)), v.get("/u"));
    }
}
