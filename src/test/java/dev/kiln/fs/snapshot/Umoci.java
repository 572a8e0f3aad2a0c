package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerFile;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;
import dev.kiln.layout.OciLayout;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Independent checks: GNU tar makes the base layer, umoci applies base + our layer. */
final class Umoci {
    private Umoci() {}

    static void assumeTools() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")), "umoci not installed");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    }

    /** {@code tar -czf} of a directory as an OCI layer (GNU tar, numeric owners). */
    static LayerFile gnuTarLayer(Path dir, Path out) throws Exception {
        Scenario.run(List.of("tar", "--numeric-owner", "-C", dir.toString(), "-czf", out.toString(), "."));
        Digest compressed = sha256(Files.newInputStream(out));
        Digest diffId = sha256(new GZIPInputStream(Files.newInputStream(out)));
        return new LayerFile(out, new Descriptor(MediaTypes.OCI_LAYER_GZIP, compressed, Files.size(out)), diffId);
    }

    /** Writes the layers as a one-image OCI layout and unpacks it with {@code umoci raw unpack}. */
    static Path unpack(List<? extends Layer> layers, Path work) throws Exception {
        Image img = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.of("linux", "amd64", null)), List.of());
        for (Layer l : layers) img = img.plusLayer(l);
        Path layout = work.resolve("layout");
        OciLayout.write(img, layout, "test");
        Path rootfs = work.resolve("unpacked");
        Scenario.run(List.of("umoci", "raw", "unpack", "--image", layout + ":test", rootfs.toString()));
        return rootfs;
    }

    static String listing(Path layer) throws Exception {
        return Scenario.run(List.of("tar", "-tvzf", layer.toString()));
    }

    private static Digest sha256(InputStream in) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Digest.ofSha256(md);
    }
}
