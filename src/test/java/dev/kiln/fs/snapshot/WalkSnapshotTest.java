package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walk mode, checked differentially: umoci applying (GNU tar base + our diff layer) gives the mutated rootfs. */
class WalkSnapshotTest {
    @TempDir
    Path tmp;
    Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        Umoci.assumeTools();
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        Scenario.buildLower(rootfs);
    }

    @Test
    void diffLayerOverBaseEqualsMutatedRootfs() throws Exception {
        LayerFile base = Umoci.gnuTarLayer(rootfs, tmp.resolve("base.tar.gz"));
        WalkSnapshotter snap = new WalkSnapshotter(rootfs, Set.of(), SnapshotMode.WALK, null, null);
        SnapshotIndex before = snap.index();
        Scenario.sh(rootfs, Scenario.MUTATE);
        WalkSnapshotter.Step step = snap.snapshot(before, tmp.resolve("diff.tar.gz"));
        SnapshotResult r = step.result().orElseThrow();

        String listing = Umoci.listing(r.layer().file());
        assertTrue(listing.contains("etc/.wh.motd"), listing);
        assertTrue(listing.contains("var/lib/.wh.data"), listing);
        assertFalse(listing.contains("var/lib/data/"), "one whiteout for a deleted directory, not one per child:\n" + listing);
        assertTrue(listing.contains("opt/.wh.a") && listing.contains("opt/.wh.x"), listing);
        assertTrue(listing.contains("usr/bin/hard2 link to usr/bin/hard") || listing.contains("usr/bin/tool link to"), listing);
        assertFalse(listing.contains("srv/dir2file/.wh."), "a replaced directory's children need no whiteouts:\n" + listing);
        assertFalse(listing.contains(" etc/conf.d/\n"), "unchanged parent of a modified file is not written:\n" + listing);
        assertEquals(r.stats().whiteouts(), 4, listing);

        Path unpacked = Umoci.unpack(List.of(base, r.layer()), tmp);
        Map<String, String> expected = TreeView.of(rootfs, Set.of());
        Scenario.assertMutated(expected);
        assertEquals(expected, TreeView.of(unpacked, Set.of()));
    }

    @Test
    void unchangedRootfsGivesNoLayer() throws Exception {
        WalkSnapshotter snap = new WalkSnapshotter(rootfs, Set.of(), SnapshotMode.WALK, null, null);
        SnapshotIndex before = snap.index();
        Scenario.sh(rootfs, "cat etc/motd > /dev/null");
        WalkSnapshotter.Step step = snap.snapshot(before, tmp.resolve("none.tar.gz"));
        assertTrue(step.diff().isEmpty(), step.diff().toString());
        assertEquals(Optional.empty(), step.result());
        assertFalse(Files.exists(tmp.resolve("none.tar.gz")));
    }

    @Test
    void sameSizeRewriteWithRestoredMtimeIsCaughtByCtime() throws Exception {
        SnapshotIndex before = SnapshotIndex.build(rootfs, Set.of());
        Scenario.sh(rootfs, "printf 'HELLO\\n' > etc/motd && touch -d @1600000000 etc/motd");
        SnapshotIndex after = SnapshotIndex.build(rootfs, Set.of());
        assertEquals(List.of(new Change("/etc/motd", Change.Kind.MODIFIED)), Diff.between(before, after, SnapshotMode.WALK).changes());
        assertTrue(Diff.between(before, after, SnapshotMode.TIME).isEmpty(), "time mode only sees mtimes (Kaniko)");
    }

    @Test
    void ignoredPathsAreNeitherIndexedNorEntered() throws Exception {
        Files.createDirectories(rootfs.resolve("proc/1"));
        Files.writeString(rootfs.resolve("etc/resolv.conf"), "nameserver 1.1.1.1\n");
        SnapshotIndex before = SnapshotIndex.build(rootfs, Set.of("/proc", "/etc/resolv.conf/"));
        assertEquals(null, before.get("/proc"));
        assertEquals(null, before.get("/proc/1"));
        assertEquals(null, before.get("/etc/resolv.conf"));
        Scenario.sh(rootfs, "mkdir proc/2 && echo x > etc/resolv.conf");
        SnapshotIndex after = SnapshotIndex.build(rootfs, Set.of("/proc", "/etc/resolv.conf"));
        Map<String, StatEntry> e = after.entries();
        assertFalse(e.keySet().stream().anyMatch(p -> p.startsWith("/proc")));
        assertTrue(Diff.between(before, after, SnapshotMode.WALK).changes().stream().noneMatch(c -> c.path().startsWith("/proc")));
    }

    @Test
    void fullModeComparesContentHashes() throws Exception {
        SnapshotIndex before = SnapshotIndex.build(rootfs, Set.of(), SnapshotMode.FULL);
        assertTrue(before.get("/etc/motd").contentHash() != null);
        assertEquals(null, SnapshotIndex.build(rootfs, Set.of()).get("/etc/motd").contentHash());
        Scenario.sh(rootfs, "echo changed > etc/keep");
        SnapshotIndex after = SnapshotIndex.build(rootfs, Set.of(), SnapshotMode.FULL);
        assertEquals(List.of(new Change("/etc/keep", Change.Kind.MODIFIED)), Diff.between(before, after, SnapshotMode.FULL).changes());
    }
}
