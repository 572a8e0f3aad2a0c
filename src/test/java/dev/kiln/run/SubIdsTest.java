package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subordinate id files as newuidmap reads them, the user-namespace mapping and the sandbox's owner report. */
class SubIdsTest {
    @TempDir Path dir;

    private SubIds files(String subuid, String subgid) throws IOException {
        Files.writeString(dir.resolve("subuid"), subuid);
        Files.writeString(dir.resolve("subgid"), subgid);
        Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nkiln:x:1001:1001::/home/kiln:/bin/sh\n");
        return new SubIds(dir.resolve("subuid"), dir.resolve("subgid"), dir.resolve("passwd"));
    }

    @Test
    void aRangeIsFoundByUserNameOrUidTheFirstOneWins() throws IOException {
        SubIds ids = files("# comment\nother:100000:65536\nkiln:200000:65536\nkiln:300000:10\n", "1001:400000:1000\nbroken:x:1\n");
        assertEquals(Optional.of(new SubIds.Range(200000, 65536)), ids.uids(1001));
        assertEquals(Optional.of(new SubIds.Range(400000, 1000)), ids.gids(1001));
        assertEquals(Optional.empty(), ids.uids(65534));
        assertEquals(Optional.empty(), new SubIds(dir.resolve("missing"), dir.resolve("missing"), dir.resolve("passwd")).uids(1001));
    }

    @Test
    void withoutARangeOnlyRootIsMappedAndTheReasonNamesTheFile() throws IOException {
        SubIds ids = files("", "");
        UserNamespace ns = UserNamespaces.choose(HostTools.standard(), ids, 1001);
        assertFalse(ns.ranges());
        assertTrue(ns.mapped(0, 0));
        assertFalse(ns.mapped(1, 0));
        assertEquals(List.of("--user", "--map-root-user"), ns.unshareOptions());
        assertTrue(ns.describe().contains("mapping only root to uid 1001 (no subordinate uids in " + dir.resolve("subuid")), ns.describe());
    }

    @Test
    void aMappingWithRangesHasIdsBelowTheirCount() {
        UserNamespace ns = new UserNamespace(1001, true, 65536, 1000, "test");
        assertTrue(ns.mapped(65535, 999));
        assertFalse(ns.mapped(65536, 0));
        assertFalse(ns.mapped(0, 1000));
        assertEquals(List.of("--user", "--map-root-user", "--map-auto"), ns.unshareOptions());
    }

    @Test
    void theOwnerReportIsParsedWithSymlinksWithoutAModeAndTheRootAsSlash() {
        byte[] report = "1000 1000 644 f etc/f\0000 42 640 f etc/shadow\0001 2 777 l a link\00042 0 700 d \0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new NsOwner("/etc/f", 1000, 1000, 0644), new NsOwner("/etc/shadow", 0, 42, 0640),
                new NsOwner("/a link", 1, 2, -1), new NsOwner("/", 42, 0, 0700)), NsOwner.parse(report));
        assertThrows(IllegalArgumentException.class, () -> NsOwner.parse("1 2\0".getBytes(StandardCharsets.UTF_8)));
    }
}
