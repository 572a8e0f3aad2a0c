package dev.kiln.fs.extract;

import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.registry.RemoteImage;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real base images from the test registry, extracted by kiln and by {@code umoci raw unpack}: same trees. */
class ExtractorImageTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws Exception {
        // JUnit warns about every absolute symlink it deletes; remove the unpacked trees quietly first
        FsOps.removeAll(tmp.resolve("kiln"));
        FsOps.removeAll(tmp.resolve("umoci"));
    }

    private Path extract(String image) throws Exception {
        RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT.withInsecurePull(true), Credentials.NONE, EventSink.NONE);
        RemoteImage img = images.pull(Reference.parse(TestEnv.registry() + "/" + image), Platform.host());
        Path rootfs = Files.createDirectory(tmp.resolve("kiln"));
        ExtractSummary s = new Extractor(rootfs, EventSink.NONE).apply(img.image().layers());
        assertEquals(img.image().layers().size(), s.layers());
        assertTrue(s.entries() > 0 && s.bytes() > 0, s.toString());
        return rootfs;
    }

    private Path umoci(String image) {
        Path layout = tmp.resolve("layout");
        Tools.skopeoCopy("docker://" + TestEnv.registry() + "/" + image, "oci:" + layout + ":img");
        Path out = tmp.resolve("umoci");
        Tools.run("umoci", "raw", "unpack", "--image", layout + ":img", out.toString()).requireOk();
        return out;
    }

    private static void assertSameTree(Path expected, Path actual) throws Exception {
        Map<String, String> e = TreeFingerprint.of(expected);
        Map<String, String> a = TreeFingerprint.of(actual);
        Map<String, String> diff = new TreeMap<>();
        for (String k : e.keySet()) if (!e.get(k).equals(a.get(k))) diff.put(k, "umoci: " + e.get(k) + "\n   kiln: " + a.get(k));
        for (String k : a.keySet()) if (!e.containsKey(k)) diff.put(k, "only in kiln: " + a.get(k));
        assertTrue(diff.isEmpty(), diff.size() + " differences, first: " + diff.entrySet().stream().limit(20).toList());
        assertEquals(e.size(), a.size());
    }

    @Test
    void busyboxLayersMatchesUmoci() throws Exception {
        Path kiln = extract("busybox:layers");
        assertSameTree(umoci("busybox:layers"), kiln);
        assertEquals("motd v2\n", Files.readString(kiln.resolve("etc/motd")).replace("\r", ""));
        assertFalse(Files.exists(kiln.resolve("data/a.txt")));
        assertFalse(Files.exists(kiln.resolve("data/dir")));
        assertFalse(Files.exists(kiln.resolve("opt/app/old.txt")));
        assertTrue(Files.exists(kiln.resolve("opt/app/new.txt")));
    }

    @Test
    void debianTwoLayersMatchesUmoci() throws Exception {
        Path kiln = extract("debian:bookworm-2layer");
        assertSameTree(umoci("debian:bookworm-2layer"), kiln);
        assertTrue(Files.exists(kiln.resolve("usr/share/doc/README.kiln")));
        assertFalse(Files.exists(kiln.resolve("etc/motd")));
        assertTrue(Files.exists(kiln.resolve("etc/kiln-layer2")));
    }

    @Test
    void indexMadeWhileExtractingEqualsTheHeaderIndex() throws Exception {
        RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT.withInsecurePull(true), Credentials.NONE, EventSink.NONE);
        for (String image : new String[] {"busybox:layers", "debian:bookworm-2layer"}) {
            RemoteImage img = images.pull(Reference.parse(TestEnv.registry() + "/" + image), Platform.host());
            Path rootfs = Files.createDirectories(tmp.resolve("kiln").resolve(image.replace(':', '-')));
            dev.kiln.fs.TreeIndex during = new dev.kiln.fs.TreeIndex();
            new Extractor(rootfs, EventSink.NONE).apply(img.image().layers(), during);
            dev.kiln.fs.TreeIndex headers = dev.kiln.fs.LayerIndexer.index(img.image().layers());
            assertEquals(headers, during, image);
            assertTrue(during.captured("/etc/passwd").isPresent(), image);
        }
    }
}
