package dev.kiln.image;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.*;

/** A Docker manifest cannot carry zstd layers: such an image becomes OCI (as BuildKit does with zstd). */
class ImageFormatTest {
    private static Layer layer(String mediaType, String content) {
        byte[] b = content.getBytes();
        Descriptor d = new Descriptor(mediaType, Digest.sha256(b), b.length);
        Digest diffId = Digest.sha256(("diff " + content).getBytes());
        return new Layer() {
            @Override public Digest diffId() { return diffId; }
            @Override public Descriptor descriptor() { return d; }
            @Override public InputStream open() { return new ByteArrayInputStream(b); }
        };
    }

    @Test
    void aZstdLayerTurnsADockerImageIntoAnOciImage() {
        Image docker = new Image(ManifestFormat.DOCKER, ImageConfig.scratch(Platform.of("linux", "amd64", null)), java.util.List.of())
                .plusLayer(layer(MediaTypes.DOCKER_LAYER_GZIP, "base"));
        assertEquals(ManifestFormat.DOCKER, docker.format());
        assertEquals(ManifestFormat.DOCKER, docker.plusLayer(layer(MediaTypes.OCI_LAYER_GZIP, "gz")).format(), "gzip keeps the format");

        Image withZstd = docker.plusLayer(layer(MediaTypes.OCI_LAYER_ZSTD, "zst"));
        assertEquals(ManifestFormat.OCI, withZstd.format());
        Manifest m = withZstd.manifest();
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(MediaTypes.OCI_CONFIG, m.config().mediaType());
        assertEquals(MediaTypes.OCI_LAYER_GZIP, m.layers().get(0).mediaType(), "the Docker base layer gets its OCI type");
        assertEquals(MediaTypes.OCI_LAYER_ZSTD, m.layers().get(1).mediaType());
    }
}
