package dev.kiln.image;

import java.util.ArrayList;
import java.util.List;

/**
 * An image value: format, config and layers. The config blob and the manifest are derived here,
 * in one place, so every output (registry, OCI layout, docker archive) writes the same bytes.
 */
public record Image(ManifestFormat format, ImageConfig config, List<Layer> layers) {
    public Image {
        layers = List.copyOf(layers);
        if (config.rootfs().diffIds().size() != layers.size()) {
            throw new IllegalArgumentException("config lists " + config.rootfs().diffIds().size()
                    + " diff IDs but the image has " + layers.size() + " layers");
        }
    }

    public BytesBlob configBlob() {
        return BytesBlob.of(format.configType(), Json.write(config));
    }

    public Manifest manifest() {
        List<Descriptor> ls = new ArrayList<>(layers.size());
        for (Layer l : layers) ls.add(l.descriptor().withMediaType(format.convertLayerType(l.descriptor().mediaType())));
        Descriptor cfg = configBlob().descriptor();
        return new Manifest(2, format.manifestType(), cfg, ls, null);
    }

    public BytesBlob manifestBlob() {
        return BytesBlob.of(format.manifestType(), Json.write(manifest()));
    }

    /** Appends a layer (and its diff ID) and returns the new image. */
    public Image plusLayer(Layer layer) {
        List<Layer> ls = new ArrayList<>(layers);
        ls.add(layer);
        return new Image(format, config.withRootFs(config.rootfs().plus(layer.diffId())), ls);
    }

    public Image withConfig(ImageConfig c) {
        return new Image(format, c, layers);
    }
}
