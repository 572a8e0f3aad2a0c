package dev.kiln.rootfs;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.run.ContainerDetector;
import dev.kiln.testsupport.GzipTarLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-place materialisation with the root as a parameter: a temp dir stands for {@code /}, so the wipe, the guard and
 * the extraction are tested without touching this machine's root.
 */
class InPlaceRootTest {
    @TempDir
    Path tmp;

    private Path fakeRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (String f : List.of("kiln/kiln.jar", "usr/bin/apt", "usr/lib/jvm/jdk/bin/java", "usr/lib/x.so", "etc/hosts",
                "etc/resolv.conf", "etc/passwd", "var/run/secret", "tmp/kiln-build-1/layer", "home/u/.bashrc")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "host " + f);
        }
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(root.resolve("escape"), tmp);   // must be removed, not followed
        Files.writeString(tmp.resolve("outside"), "outside");
        return root;
    }

    private static InPlaceRoot inPlace(Path root, ContainerDetector d, boolean force) {
        return new InPlaceRoot(root, Set.of("/kiln", "/usr/lib/jvm/jdk", "/etc/hosts", "/etc/resolv.conf", "/var/run",
                "/tmp/kiln-build-1"), d, force);
    }

    private GzipTarLayer layer() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bin/busybox", "busybox");
        files.put("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        files.put("etc/hosts", "image hosts");
        files.put("kiln/kiln.jar", "image's jar");
        files.put("tmp/.keep", "");
        return GzipTarLayer.create(tmp.resolve("l.tar.gz"), files);
    }

    @Test
    void replacesTheRootButItsIgnoredPaths() throws Exception {
        Path root = fakeRoot();
        List<Event> events = new ArrayList<>();
        InPlaceRoot ip = inPlace(root, new ContainerDetector(root, Map.of(ContainerDetector.IN_CONTAINER_ENV, "1")), false);
        StageRootfs rootfs = ip.materialize(List.of(layer()), events::add);

        assertEquals(root.toRealPath(), rootfs.dir());
        assertEquals("busybox", Files.readString(root.resolve("bin/busybox")));
        assertEquals("root:x:0:0:root:/root:/bin/sh\n", Files.readString(root.resolve("etc/passwd")));
        assertEquals("host etc/hosts", Files.readString(root.resolve("etc/hosts")), "ignored file kept, not extracted over");
        assertEquals("host kiln/kiln.jar", Files.readString(root.resolve("kiln/kiln.jar")));
        assertEquals("host usr/lib/jvm/jdk/bin/java", Files.readString(root.resolve("usr/lib/jvm/jdk/bin/java")));
        assertEquals("host var/run/secret", Files.readString(root.resolve("var/run/secret")));
        assertTrue(Files.exists(root.resolve("tmp/kiln-build-1/layer")));
        assertTrue(Files.exists(root.resolve("tmp/.keep")));
        for (String gone : List.of("usr/bin", "usr/lib/x.so", "home", "lib", "escape")) {
            assertFalse(Files.exists(root.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone);
        }
        assertTrue(Files.exists(root.resolve("etc/resolv.conf")));
        assertEquals("outside", Files.readString(tmp.resolve("outside")), "a symlink is removed, never followed");
        assertTrue(events.stream().anyMatch(e -> e.message().contains("replaced " + root)), events.toString());

        // the walk index of the stage rootfs leaves the ignored paths out
        var idx = rootfs.index(SnapshotMode.WALK);
        assertTrue(idx.get("/bin/busybox") != null && idx.get("/usr/lib/jvm") != null);
        assertTrue(idx.get("/kiln") == null && idx.get("/usr/lib/jvm/jdk") == null && idx.get("/etc/hosts") == null);
    }

    @Test
    void refusesBeforeDeletingAnythingOutsideAContainer() throws Exception {
        Path root = fakeRoot();
        Path nowhere = Files.createDirectories(tmp.resolve("not-a-container"));
        InPlaceRoot ip = inPlace(root, new ContainerDetector(nowhere, Map.of()), false);
        IOException e = assertThrows(IOException.class, () -> ip.materialize(List.of(layer()), EventSink.NONE));
        assertTrue(e.getMessage().startsWith("refusing an in-place build") && e.getMessage().contains("--force"), e.getMessage());
        assertThrows(IOException.class, () -> ip.cleanup(EventSink.NONE));
        assertTrue(Files.exists(root.resolve("usr/bin/apt")) && Files.exists(root.resolve("home/u/.bashrc")), "nothing deleted");

        List<Event> events = new ArrayList<>();
        inPlace(root, new ContainerDetector(nowhere, Map.of()), true).check(events::add);
        assertEquals(Event.Level.WARN, events.getFirst().level());
    }

    @Test
    void lookingLikeAContainerIsNotEnoughToWipeTheRoot() throws Exception {
        Path root = fakeRoot();
        Path dockerish = Files.createDirectories(tmp.resolve("dockerish"));
        Files.createFile(dockerish.resolve(".dockerenv"));
        InPlaceRoot ip = inPlace(root, new ContainerDetector(dockerish, Map.of()), false);
        IOException e = assertThrows(IOException.class, () -> ip.materialize(List.of(layer()), EventSink.NONE));
        assertTrue(e.getMessage().contains("that alone is not enough"), e.getMessage());
        assertTrue(Files.exists(root.resolve("usr/bin/apt")), "nothing deleted");
        inPlace(root, new ContainerDetector(dockerish, Map.of(ContainerDetector.EXECUTOR_IMAGE_ENV, "1")), false).check(EventSink.NONE);
    }

    @Test
    void cleanupEmptiesTheRootButItsIgnoredPaths() throws Exception {
        Path root = fakeRoot();
        InPlaceRoot ip = inPlace(root, new ContainerDetector(root, Map.of(ContainerDetector.IN_CONTAINER_ENV, "1")), false);
        ip.cleanup(EventSink.NONE);
        try (var s = Files.walk(root)) {
            List<String> left = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
            assertEquals(List.of("etc/hosts", "etc/resolv.conf", "kiln/kiln.jar", "tmp/kiln-build-1/layer",
                    "usr/lib/jvm/jdk/bin/java", "var/run/secret"), left);
        }
        assertThrows(IllegalArgumentException.class, () -> InPlaceRoot.paths(List.of(Path.of("/"))));
    }
}
