package dev.kiln.fs.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotModeTest {
    @Test
    void parsesKilnAndKanikoNames() {
        assertEquals(SnapshotMode.WALK, SnapshotMode.parse("walk"));
        assertEquals(SnapshotMode.OVERLAY, SnapshotMode.parse(" Overlay "));
        assertEquals(SnapshotMode.Compare.STAT, SnapshotMode.parse("redo").compare());
        assertEquals(SnapshotMode.Compare.STAT_AND_CONTENT, SnapshotMode.parse("full").compare());
        assertEquals(SnapshotMode.Compare.MTIME, SnapshotMode.parse("time").compare());
        for (String k : List.of("full", "redo", "time")) assertEquals(SnapshotMode.Strategy.WALK, SnapshotMode.parse(k).strategy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotMode.parse("fast"));
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("walk, overlay, redo, full, time"), e.getMessage());
    }

    @Test
    void overlayOptionsKeepTheUpperDirAPlainDiff() {
        assertEquals("lowerdir=/l1:/l2,upperdir=/u,workdir=/w,redirect_dir=off,metacopy=off,index=off",
                OverlayMount.options(List.of(Path.of("/l1"), Path.of("/l2")), Path.of("/u"), Path.of("/w"), OverlayXattrs.TRUSTED));
        assertEquals("lowerdir=/l,upperdir=/u,workdir=/w,userxattr",
                OverlayMount.options(List.of(Path.of("/l")), Path.of("/u"), Path.of("/w"), OverlayXattrs.USER));
        assertThrows(IllegalArgumentException.class,
                () -> OverlayMount.options(List.of(Path.of("/a,b")), Path.of("/u"), Path.of("/w"), OverlayXattrs.USER));
    }

    @Test
    void whiteoutsSortBeforeTheirSiblings() {
        assertTrue(Diff.orderKey(new Change("/a/z", Change.Kind.DELETED)).compareTo(Diff.orderKey(new Change("/a/-b", Change.Kind.ADDED))) < 0);
        assertTrue(Diff.orderKey(new Change("/a", Change.Kind.MODIFIED)).compareTo(Diff.orderKey(new Change("/a/z", Change.Kind.DELETED))) < 0);
        assertTrue(Diff.orderKey(new Change("/z", Change.Kind.DELETED)).compareTo(Diff.orderKey(new Change("/a", Change.Kind.ADDED))) < 0);
    }
}
