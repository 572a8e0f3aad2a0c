package dev.kiln.testsupport;

import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.image.RootFs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small images built from {@link GzipTarLayer}s on {@code ImageConfig.scratch(Platform.host())}. */
public final class TestImages {
    private TestImages() {}

    /** An image of the given format over {@code layers}, with rootfs diff IDs and a Cmd. */
    public static Image of(ManifestFormat format, List<? extends Layer> layers) {
        List<Digest> diffIds = layers.stream().map(Layer::diffId).toList();
        ImageConfig config = ImageConfig.scratch(Platform.host())
                .withRootFs(RootFs.of(diffIds))
                .withConfig(ContainerConfig.EMPTY.withCmd(List.of("/bin/sh")).withEnv(List.of("PATH=/bin")));
        return new Image(format, config, List.copyOf(layers));
    }

    /** Two layers: {@code etc/hello.txt} + {@code app/one.txt}, then {@code app/two.txt} + {@code app/sub/three.txt}. */
    public static Image twoLayers(ManifestFormat format, Path workDir) throws IOException {
        Map<String, String> l1 = new LinkedHashMap<>();
        l1.put("etc/hello.txt", "hello from layer 1\n");
        l1.put("app/one.txt", "one\n");
        Map<String, String> l2 = new LinkedHashMap<>();
        l2.put("app/two.txt", "two\n");
        l2.put("app/sub/three.txt", "three\n");
        return of(format, List.of(
                GzipTarLayer.create(workDir.resolve("layer1.tar.gz"), l1),
                GzipTarLayer.create(workDir.resolve("layer2.tar.gz"), l2)));
    }
}
