package dev.kiln.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image value: format, config, layers and manifest annotations ({@code --annotation}). The config blob and the
 * manifest are derived here, in one place, so every output (registry, OCI layout, docker archive) writes the same bytes.
 * A Docker manifest cannot describe a zstd layer: an image with one is an OCI image (as BuildKit, where zstd
 * forces OCI media types), so a Docker-typed base plus a {@code --compression zstd} layer gives an OCI image.
 */
public record Image(ManifestFormat format, ImageConfig config, List<Layer> layers, Map<String, String> annotations) {
    public Image(ManifestFormat format, ImageConfig config, List<Layer> layers) {
        this(format, config, layers, Map.of());
    }

    public Image {
        layers = List.copyOf(layers);
        annotations = annotations == null || annotations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
        if (format == ManifestFormat.DOCKER && layers.stream().anyMatch(Image::isZstd)) {
            format = ManifestFormat.OCI;
        }
        if (config.rootfs().diffIds().size() != layers.size()) {
            throw new IllegalArgumentException("config lists " + config.rootfs().diffIds().size()
                    + " diff IDs but the image has " + layers.size() + " layers");
        }
    }

    private static boolean isZstd(Layer l) {
        String t = l.descriptor().mediaType();
        return t != null && t.endsWith("+zstd");
    }

    public BytesBlob configBlob() {
        return BytesBlob.of(format.configType(), Json.write(config));
    }

    public Manifest manifest() {
        List<Descriptor> ls = new ArrayList<>(layers.size());
        for (Layer l : layers) ls.add(l.descriptor().withMediaType(format.convertLayerType(l.descriptor().mediaType())));
        Descriptor cfg = configBlob().descriptor();
        return new Manifest(2, format.manifestType(), cfg, ls, annotations.isEmpty() ? null : annotations);
    }

    public BytesBlob manifestBlob() {
        return BytesBlob.of(format.manifestType(), Json.write(manifest()));
    }

    /** Appends a layer (and its diff ID) and returns the new image. */
    public Image plusLayer(Layer layer) {
        List<Layer> ls = new ArrayList<>(layers);
        ls.add(layer);
        return new Image(format, config.withRootFs(config.rootfs().plus(layer.diffId())), ls, annotations);
    }

    public Image withConfig(ImageConfig c) {
        return new Image(format, c, layers, annotations);
    }

    /** The image with these manifest annotations added (a key given again replaces the value). */
    public Image withAnnotations(Map<String, String> more) {
        if (more.isEmpty()) return this;
        Map<String, String> all = new TreeMap<>(annotations);
        all.putAll(more);
        return new Image(format, config, layers, all);
    }
}
