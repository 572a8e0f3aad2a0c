package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerFile;
import dev.kiln.fs.nativeio.Xattrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

/**
 * Overlay mode on a real overlay mount: the RUN mutates the merged view; the upper dir becomes a layer that umoci
 * applies over a GNU-tar base to give exactly the merged view; applying the upper to the lower gives it too.
 */
class OverlaySnapshotTest {
    @TempDir
    Path tmp;
    Path lower;
    Path upper;
    Path work;
    Path merged;

    @BeforeEach
    void setUp() throws Exception {
        Umoci.assumeTools();
        lower = Files.createDirectory(tmp.resolve("lower"));
        upper = Files.createDirectory(tmp.resolve("upper"));
        work = Files.createDirectory(tmp.resolve("work"));
        merged = Files.createDirectory(tmp.resolve("merged"));
        Scenario.buildLower(lower);
    }

    @ParameterizedTest
    @EnumSource(OverlayXattrs.class)
    void upperLayerOverBaseEqualsMergedView(OverlayXattrs ns) throws Exception {
        LayerFile base = Umoci.gnuTarLayer(lower, tmp.resolve("base.tar.gz"));
        Map<String, String> mergedView;
        try (OverlayMount m = OverlayMount.mount(List.of(lower), upper, work, merged, ns)) {
            Scenario.sh(m.merged(), Scenario.MUTATE);
            mergedView = TreeView.of(m.merged(), Set.of());
        }
        Scenario.assertMutated(mergedView);
        assertTrue(Xattrs.get(upper.resolve("opt"), ns.opaque()).isPresent(), "the recreated /opt is opaque in the upper dir");

        OverlayUpper up = new OverlayUpper(upper, List.of(lower), ns, Set.of());
        SnapshotResult r = up.write(tmp.resolve("diff.tar.gz"), null, null).orElseThrow();
        String listing = Umoci.listing(r.layer().file());
        assertTrue(listing.contains("etc/.wh.motd"), listing);
        assertTrue(listing.contains("var/lib/.wh.data"), listing);
        assertTrue(listing.contains("opt/.wh..wh..opq"), listing);
        assertTrue(listing.contains("usr/bin/tool link to usr/bin/hard2") || listing.contains("usr/bin/hard2 link to usr/bin/tool"), listing);
        assertFalse(listing.contains(" etc/conf.d/\n"), "a copied-up parent with unchanged metadata is not written:\n" + listing);
        assertFalse(listing.contains("overlay"), listing);

        Path unpacked = Umoci.unpack(List.of(base, r.layer()), tmp);
        assertEquals(mergedView, TreeView.of(unpacked, Set.of()));

        up.applyTo(lower);
        assertEquals(mergedView, TreeView.of(lower, Set.of()));
        try (var s = Files.walk(lower)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                assertTrue(Xattrs.list(p).stream().noneMatch(n -> n.startsWith(ns.prefix())), "overlay xattr left on " + p);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OverlayXattrs.class)
    void runThatChangesNothingGivesNoLayer(OverlayXattrs ns) throws Exception {
        try (OverlayMount m = OverlayMount.mount(List.of(lower), upper, work, merged, ns)) {
            Scenario.sh(m.merged(), "cat etc/motd usr/bin/tool > /dev/null && ls -R . > /dev/null");
        }
        OverlayUpper up = new OverlayUpper(upper, List.of(lower), ns, Set.of());
        assertEquals(Optional.empty(), up.write(tmp.resolve("none.tar.gz"), null, null));
        assertFalse(Files.exists(tmp.resolve("none.tar.gz")));
    }

    @ParameterizedTest
    @EnumSource(OverlayXattrs.class)
    void ignoredMountPointsStayOutOfTheLayer(OverlayXattrs ns) throws Exception {
        try (OverlayMount m = OverlayMount.mount(List.of(lower), upper, work, merged, ns)) {
            Scenario.sh(m.merged(), "mkdir -p proc/self && touch etc/resolv.conf && touch y");
        }
        OverlayUpper up = new OverlayUpper(upper, List.of(lower), ns, Set.of("/proc", "/etc/resolv.conf"));
        String listing = Umoci.listing(up.write(tmp.resolve("l.tar.gz"), null, null).orElseThrow().layer().file());
        assertFalse(listing.contains("proc") || listing.contains("resolv.conf"), listing);
        assertTrue(listing.contains(" y\n"), listing);
    }
}
