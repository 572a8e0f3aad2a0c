package dev.kiln.cli;

import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.RootFs;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import dev.kiln.registry.RemoteImage;
import dev.kiln.image.Platform;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A base image whose config lists a wrong diff ID for one layer (pushed to the test registry with kiln's own
 * client: busybox's layers, a config with one diff ID replaced) is refused wherever kiln reads the layer: RUN
 * (extraction), COPY (the tree index) and COPY --from (extraction of another image). The error names the image,
 * the layer's index and both digests, and nothing is written.
 */
class WrongDiffIdTest {
    @TempDir
    static Path tmp;
    private static String bad;
    private static Digest wrong;
    private static Digest right;
    private static int index;

    @BeforeAll
    static void pushCorruptImage() throws Exception {
        String reg = TestEnv.registry();
        RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT.withInsecureRegistries(Set.of(reg)),
                Credentials.NONE, EventSink.NONE);
        RemoteImage busybox = images.pull(Reference.parse(reg + "/busybox:latest"), Platform.of("linux", "amd64", null));
        Image img = busybox.image();
        List<Digest> ids = new ArrayList<>(img.config().rootfs().diffIds());
        index = ids.size() - 1;
        right = ids.get(index);
        wrong = Digest.sha256("not this layer".getBytes(StandardCharsets.UTF_8));
        ids.set(index, wrong);
        Image corrupt = img.withConfig(img.config().withRootFs(RootFs.of(ids)));
        bad = reg + "/test/wrong-diffid:" + Long.toHexString(System.nanoTime());
        images.push(corrupt, List.of(Reference.parse(bad)));
    }

    private ToolResult build(String name, String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve(name));
        Files.writeString(ctx.resolve("a.txt"), "a");
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile.replace("BAD", bad));
        return Kiln.run("build", "-c", ctx.toString(), "--no-push", "--insecure-pull", "--isolation", "chroot",
                "--oci-layout-path", tmp.resolve(name + "-oci").toString());
    }

    private void assertRefused(String name, ToolResult r) {
        assertNotEquals(0, r.exitCode(), r.toString());
        String err = r.stderr();
        assertTrue(err.contains("image " + bad) && err.contains("layer " + index + " of") && err.contains(wrong.toString())
                && err.contains(right.toString()), err);
        assertFalse(Files.exists(tmp.resolve(name + "-oci").resolve("index.json")), "no output is written");
    }

    @Test
    void runRefusesTheImage() throws Exception {
        assertRefused("run", build("run", "FROM BAD\nRUN true\n"));
    }

    @Test
    void copyRefusesTheImage() throws Exception {
        assertRefused("copy", build("copy", "FROM BAD\nCOPY a.txt /a.txt\n"));
    }

    @Test
    void copyFromRefusesTheImage() throws Exception {
        assertRefused("copyfrom", build("copyfrom", "FROM scratch\nCOPY --from=BAD /bin/busybox /busybox\n"));
    }

    @Test
    void theUncorruptedImageBuilds() throws Exception {
        ToolResult r = build("good", "FROM " + TestEnv.registry() + "/busybox:latest\nRUN true\nCOPY a.txt /a.txt\n");
        assertEquals(0, r.exitCode(), r.toString());
    }
}
