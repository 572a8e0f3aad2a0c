package dev.kiln.fs.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Diff semantics on small real trees (no root needed). */
class DiffTest {
    @TempDir
    Path root;

    private List<Change> diffAfter(String script) throws Exception {
        SnapshotIndex before = SnapshotIndex.build(root, Set.of());
        Scenario.sh(root, script);
        return Diff.between(before, SnapshotIndex.build(root, Set.of()), SnapshotMode.WALK).changes();
    }

    @Test
    void deletedTreeIsOneDeletion() throws Exception {
        Files.createDirectories(root.resolve("d/e/f"));
        Files.writeString(root.resolve("d/e/f/g"), "g");
        assertEquals(List.of(new Change("/d", Change.Kind.DELETED)), diffAfter("rm -rf d"));
    }

    @Test
    void directoryReplacedBySymlinkIsATypeChangeWithoutChildWhiteouts() throws Exception {
        Files.createDirectories(root.resolve("d/sub"));
        Files.writeString(root.resolve("d/sub/x"), "x");
        assertEquals(List.of(new Change("/d", Change.Kind.TYPE_CHANGED)), diffAfter("rm -rf d && ln -s nowhere d"));
    }

    @Test
    void fileReplacedByDirectoryBringsItsChildren() throws Exception {
        Files.writeString(root.resolve("f"), "f");
        assertEquals(List.of(new Change("/f", Change.Kind.TYPE_CHANGED), new Change("/f/c", Change.Kind.ADDED)),
                diffAfter("rm f && mkdir f && touch f/c"));
    }

    @Test
    void hardlinkAddsTheNewNameAndModifiesTheInode() throws Exception {
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/a"), "a");
        assertEquals(List.of(new Change("/d", Change.Kind.MODIFIED), new Change("/d/a", Change.Kind.MODIFIED),
                new Change("/d/b", Change.Kind.ADDED)), diffAfter("ln d/a d/b"));
    }

    @Test
    void nothingChangedIsEmpty() throws Exception {
        Files.writeString(root.resolve("f"), "f");
        assertEquals(List.of(), diffAfter("cat f > /dev/null"));
    }
}
