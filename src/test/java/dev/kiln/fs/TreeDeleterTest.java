package dev.kiln.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TreeDeleterTest {
    @TempDir Path tmp;

    private Path tree(String name) throws IOException {
        Path root = tmp.resolve(name);
        for (int i = 0; i < 5; i++) {
            Path d = Files.createDirectories(root.resolve("top" + i).resolve("mid").resolve("deep"));
            Files.writeString(d.resolve("f.txt"), "x");
            Files.writeString(root.resolve("top" + i).resolve("g.txt"), "y");
        }
        Files.createDirectories(root.resolve("leaf"));
        Files.writeString(root.resolve("file.txt"), "z");
        Files.createSymbolicLink(root.resolve("link"), tmp.resolve("keep"));
        return root;
    }

    @Test
    void backgroundDeletesEverythingQueuedByClose() throws IOException {
        Path keep = Files.createDirectories(tmp.resolve("keep"));
        Files.writeString(keep.resolve("k.txt"), "kept");
        Path a = tree("a");
        Path b = tree("b");
        try (TreeDeleter d = TreeDeleter.background()) {
            d.delete(a);
            d.delete(b);
            d.delete(null);
        }
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
        assertEquals("kept", Files.readString(keep.resolve("k.txt")), "symlinks are not followed");
    }

    @Test
    void detachingHandsWhatIsLeftToAProcessThatFinishesIt() throws Exception {
        Path keep = Files.createDirectories(tmp.resolve("keep"));
        Files.writeString(keep.resolve("k.txt"), "kept");
        List<Path> trees = List.of(tree("a"), tree("b"), tree("c"));
        try (TreeDeleter d = TreeDeleter.detaching()) {
            for (Path t : trees) d.delete(t);
        }
        for (int i = 0; i < 600 && trees.stream().anyMatch(Files::exists); i++) Thread.sleep(100); // a detached rm: poll
        for (Path t : trees) assertFalse(Files.exists(t), t + " left behind");
        assertEquals("kept", Files.readString(keep.resolve("k.txt")), "symlinks are not followed");
    }

    @Test
    void smallTreesGoInProcessLargerOnesAreLeftToRm() throws IOException {
        Path keep = Files.createDirectories(tmp.resolve("keep"));
        Files.writeString(keep.resolve("k.txt"), "kept");
        Path small = tree("small");                       // 27 entries
        assertFalse(Trees.deleteSmall(small, 10), "more entries than the limit: nothing deleted, rm's job");
        assertTrue(Files.exists(small.resolve("top4/mid/deep/f.txt")));
        assertTrue(Trees.deleteSmall(small, Trees.SMALL));
        assertFalse(Files.exists(small, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("kept", Files.readString(keep.resolve("k.txt")), "symlinks are not followed");
        Path big = tree("big");
        for (int i = 0; i < Trees.SMALL; i++) Files.writeString(big.resolve("n" + i), "n");
        Trees.delete(big);
        assertFalse(Files.exists(big, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("kept", Files.readString(keep.resolve("k.txt")));
    }

    @Test
    void treesLeftForTheEndWaitForCloseAndAreThenDeleted() throws Exception {
        Path a = tree("a");
        Path b = tree("b");
        TreeDeleter d = TreeDeleter.background();
        d.deleteAtClose(a);
        d.delete(b);
        for (int i = 0; i < 600 && Files.exists(b); i++) Thread.sleep(50);
        assertFalse(Files.exists(b), "queued for now: deleted before close");
        assertTrue(Files.exists(a.resolve("top0/mid/deep/f.txt")), "left for the end: still there before close");
        d.close();
        assertFalse(Files.exists(a), "a waiting deleter deletes it before close returns");

        Path c = tree("c");
        try (TreeDeleter detaching = TreeDeleter.detaching()) {
            detaching.deleteAtClose(c);
            detaching.deleteAtClose(null);
            assertTrue(Files.exists(c));
        }
        for (int i = 0; i < 600 && Files.exists(c); i++) Thread.sleep(100); // handed to a detached rm: poll
        assertFalse(Files.exists(c), "the detached process deletes it");

        Path e = tree("e");
        TreeDeleter.inline().deleteAtClose(e);
        assertFalse(Files.exists(e), "inline: at once");
        d.deleteAtClose(tree("f"));
        assertFalse(Files.exists(tmp.resolve("f")), "after close: at once");
    }

    @Test
    void afterCloseAndInlineItDeletesAtOnce() throws IOException {
        TreeDeleter d = TreeDeleter.background();
        d.close();
        Path a = tree("a");
        d.delete(a);
        assertFalse(Files.exists(a));
        Path b = tree("b");
        TreeDeleter.inline().delete(b);
        assertFalse(Files.exists(b));
    }

    @Test
    void unitsAreTheDirectoriesTwoLevelsDown() throws IOException {
        Path a = tree("a");
        List<Path> units = TreeDeleter.units(a);
        assertTrue(units.contains(a.resolve("top0/mid")), units.toString());
        assertTrue(units.contains(a.resolve("leaf")), units.toString());
        assertFalse(units.contains(a.resolve("top0")), units.toString());
        assertFalse(units.contains(a.resolve("link")), units.toString());
        assertEquals(6, units.size(), units.toString());
    }
}
