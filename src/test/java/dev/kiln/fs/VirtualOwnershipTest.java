package dev.kiln.fs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VirtualOwnershipTest {
    private static final ProcessOwner NOBODY = new ProcessOwner(65534, 65534);

    @Test
    void recordsOnlyWhatDiskDoesNotSay() {
        VirtualOwnership v = new VirtualOwnership(NOBODY);
        v.put("/mine", new VirtualOwnership.Recorded(65534, 65534, 0644), 0644);
        v.put("/root-owned", new VirtualOwnership.Recorded(0, 0, 0644), 0644);
        v.put("/widened", new VirtualOwnership.Recorded(65534, 65534, 0400), 0600);
        v.put("/caps", new VirtualOwnership.Recorded(65534, 65534, 0755, null, Map.of("security.capability", new byte[] {1})), 0755);
        assertEquals(List.of("/caps", "/root-owned", "/widened"), List.copyOf(v.records().keySet()));
        // a later entry at the same path that disk matches drops the record
        v.put("root-owned/", new VirtualOwnership.Recorded(65534, 65534, 0644), 0644);
        assertEquals(Optional.empty(), v.get("/root-owned"));
    }

    @Test
    void forgetTreeDropsThePathAndEverythingBelowButNotItsSiblings() {
        VirtualOwnership v = new VirtualOwnership(NOBODY);
        for (String p : List.of("/a", "/a/b", "/a/b/c", "/ab", "/a-b", "/z")) v.put(p, new VirtualOwnership.Recorded(0, 0, 0755), 0755);
        v.forgetTree("/a");
        assertEquals(Set.of("/ab", "/a-b", "/z"), v.records().keySet());
        v.forgetTree("/");
        assertEquals(0, v.size());
    }

    @Test
    void hardLinksShareTheRecordOfTheirTarget() {
        VirtualOwnership v = new VirtualOwnership(NOBODY);
        VirtualOwnership.Recorded r = new VirtualOwnership.Recorded(1000, 1000, 04750);
        v.put("/bin/su", r, 04750);
        v.link("/bin/su", "/bin/su2");
        assertEquals(Optional.of(r), v.get("/bin/su2"));
        v.put("/x", new VirtualOwnership.Recorded(0, 0, 0644), 0644);
        v.link("/mine", "/x"); // a link to a file without a record replaces whatever the name had
        assertEquals(Optional.empty(), v.get("/x"));
    }

    @Test
    void pruneForgetsOnlyPathsThatAreGone() {
        VirtualOwnership v = new VirtualOwnership(NOBODY);
        for (String p : List.of("/d", "/d/kept", "/d/gone", "/d/gone/deeper", "/other")) v.put(p, new VirtualOwnership.Recorded(0, 0, 0755), 0755);
        v.prune("/d", p -> !p.startsWith("/d/gone"));
        assertEquals(Set.of("/d", "/d/kept", "/other"), v.records().keySet());
    }

    @Test
    void metaTakesTheRecordedOwnerAndModeAndKeepsTheMtime() {
        VirtualOwnership v = new VirtualOwnership(NOBODY);
        v.put("/etc/shadow", new VirtualOwnership.Recorded(0, 42, 0640), 0640);
        assertEquals(new EntryMeta(0640, 0, 42, 99), v.meta("/etc/shadow", new EntryMeta(0640, 65534, 65534, 99)));
        EntryMeta other = new EntryMeta(0644, 65534, 65534, 7);
        assertEquals(other, v.meta("/etc/passwd", other));
    }

    @Test
    void rootNeedsNoMapAndModesAreChecked() {
        assertNull(ProcessOwner.ROOT.newMap());
        assertEquals(NOBODY, NOBODY.newMap().self());
        assertThrows(IllegalArgumentException.class, () -> new VirtualOwnership.Recorded(0, 0, 0100644));
    }
}
