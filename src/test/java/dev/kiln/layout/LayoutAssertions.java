package dev.kiln.layout;

import dev.kiln.image.Image;
import dev.kiln.testsupport.GzipTarLayer;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.Tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared helpers of the layout tests. */
final class LayoutAssertions {
    private LayoutAssertions() {}

    /** Fails if any temp file (ours are {@code .<name>.<random>.tmp}) is left below {@code dir}. */
    static void assertNoTempFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp, "temp files left behind");
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    /** busybox:latest from the test registry, copied by skopeo into an OCI layout and read back with OciLayout. */
    static Image busybox(Path work) throws IOException {
        Path dir = work.resolve("busybox-layout");
        Tools.skopeoCopy(TestEnv.registry() + "/busybox:latest", "oci:" + dir + ":busybox");
        return OciLayout.read(dir, "busybox");
    }

    /** A one-layer addition with {@code etc/kiln-test.txt} = {@code text}. */
    static GzipTarLayer textLayer(Path work, String name, String text) throws IOException {
        return GzipTarLayer.create(work.resolve(name + ".tar.gz"), Map.of("etc/kiln-test.txt", text));
    }
}
