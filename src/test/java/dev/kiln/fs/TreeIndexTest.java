package dev.kiln.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TreeIndexTest {
    @TempDir Path tmp;

    @Test
    void resolvesSymlinkedParentsInsideTheRoot() {
        TreeIndex t = new TreeIndex();
        t.put("/usr", FsNode.dir(0755, 0, 0));
        t.put("/usr/bin", FsNode.dir(0755, 0, 0));
        t.put("/bin", new FsNode(FsNode.Type.SYMLINK, 0777, 0, 0, "usr/bin"));
        t.put("/evil", new FsNode(FsNode.Type.SYMLINK, 0777, 0, 0, "../../../../etc"));
        assertEquals("/usr/bin/sh", t.resolve("/bin/sh", false));
        assertEquals("/etc/passwd", t.resolve("/evil/passwd", false), "'..' never climbs above the root");
        assertEquals("/bin", t.resolve("/bin", false));
        assertEquals("/usr/bin", t.resolve("/bin", true));
    }

    @Test
    void symlinkLoopsAreAnError() {
        TreeIndex t = new TreeIndex();
        t.put("/a", new FsNode(FsNode.Type.SYMLINK, 0777, 0, 0, "/b"));
        t.put("/b", new FsNode(FsNode.Type.SYMLINK, 0777, 0, 0, "/a"));
        assertThrows(IllegalArgumentException.class, () -> t.resolve("/a/x", false));
    }

    @Test
    void indexerAppliesWhiteoutsAndOpaqueDirectoriesAndCapturesPasswd() throws Exception {
        LayerFile l1;
        try (LayerWriter w = new LayerWriter(tmp.resolve("1.tgz"), 0L)) {
            w.addDirectory("/data", new EntryMeta(0755, 0, 0, 0));
            w.addFile("/data/a", new EntryMeta(0644, 0, 0, 0), new byte[1]);
            w.addFile("/data/b", new EntryMeta(0644, 0, 0, 0), new byte[1]);
            w.addDirectory("/opt", new EntryMeta(0755, 0, 0, 0));
            w.addFile("/opt/old", new EntryMeta(0644, 0, 0, 0), new byte[1]);
            w.addDirectory("/etc", new EntryMeta(0755, 0, 0, 0));
            w.addFile("/etc/passwd", new EntryMeta(0644, 0, 0, 0), "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            l1 = w.finish();
        }
        LayerFile l2;
        try (LayerWriter w = new LayerWriter(tmp.resolve("2.tgz"), 0L)) {
            w.addFile("/data/.wh.a", new EntryMeta(0644, 0, 0, 0), new byte[0]);
            w.addFile("/opt/new", new EntryMeta(0644, 0, 0, 0), new byte[1]);
            w.addFile("/opt/.wh..wh..opq", new EntryMeta(0644, 0, 0, 0), new byte[0]);
            l2 = w.finish();
        }
        TreeIndex t = LayerIndexer.index(List.of(l1, l2));
        assertTrue(t.get("/data/a").isEmpty());
        assertTrue(t.get("/data/b").isPresent());
        assertTrue(t.get("/opt/old").isEmpty(), "opaque dir hides lower entries");
        assertTrue(t.get("/opt/new").isPresent(), "entries of the opaque layer itself stay");
        assertTrue(t.captured("/etc/passwd").isPresent());
    }
}
