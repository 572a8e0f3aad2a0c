package dev.kiln.layout;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.ImageIndex;
import dev.kiln.image.Layer;
import dev.kiln.image.Manifest;
import dev.kiln.image.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}) as an
 * image sink and source. Writes never leave a half-written state: blobs are renamed into place once
 * verified, and {@code index.json} is replaced last, atomically.
 */
public final class OciLayout {
    private static final String COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
    private static final Pattern REF = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    static final byte[] LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private OciLayout() {}

    /**
     * Writes {@code image} into the layout at {@code dir} (created, or added to if it exists: existing blobs are
     * reused, an entry with the same ref name is replaced). {@code refName} (nullable) becomes the
     * {@code org.opencontainers.image.ref.name} annotation. Returns the manifest descriptor put in index.json.
     */
    public static Descriptor write(Image image, Path dir, String refName) throws IOException {
        checkRef(refName);
        Descriptor entry = putImage(image, dir);
        if (refName != null) entry = entry.withAnnotations(Map.of(OciIndexFile.REF_NAME, refName));
        OciIndexFile.put(dir, entry, refName);
        return entry;
    }

    /**
     * Writes a multi-platform image into the layout at {@code dir}: every image's blobs and manifest, then the index
     * (whose entries carry the platforms) as the one index.json entry named {@code refName}. Returns that entry.
     */
    public static Descriptor write(ImageIndex index, Path dir, String refName) throws IOException {
        checkRef(refName);
        for (ImageIndex.PlatformImage p : index.images()) putImage(p.image(), dir);
        BytesBlob blob = index.indexBlob();
        LayoutBlobs.put(dir, blob, blob.descriptor(), dir + ": index");
        Descriptor entry = blob.descriptor();
        if (refName != null) entry = entry.withAnnotations(Map.of(OciIndexFile.REF_NAME, refName));
        OciIndexFile.put(dir, entry, refName);
        return entry;
    }

    private static void checkRef(String refName) {
        if (refName != null && !REF.matcher(refName).matches()) {
            throw new IllegalArgumentException("invalid OCI layout ref name '" + refName + "' (allowed: "
                    + "components of letters/digits joined by - . _ : @ + or --, separated by /)");
        }
    }

    /** The image's blobs and manifest into the layout (created if needed); returns the manifest descriptor. */
    private static Descriptor putImage(Image image, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path layoutFile = dir.resolve("oci-layout");
        if (!Files.exists(layoutFile)) AtomicFiles.write(layoutFile, LAYOUT_FILE);

        List<Layer> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            LayoutBlobs.put(dir, l, l.descriptor(), dir + ": layer " + (i + 1) + "/" + layers.size());
        }
        BytesBlob config = image.configBlob();
        LayoutBlobs.put(dir, config, config.descriptor(), dir + ": config");
        BytesBlob manifest = image.manifestBlob();
        LayoutBlobs.put(dir, manifest, manifest.descriptor(), dir + ": manifest");
        return manifest.descriptor();
    }

    /**
     * Adds a manifest that is not an image of this build (an attestation artifact, a signature) with its blobs:
     * an entry in index.json named {@code refName}, or untagged when null (artifacts are found by their
     * {@code subject}). The layout must exist.
     */
    public static Descriptor putManifest(Path dir, BytesBlob manifest, List<BytesBlob> blobs, String refName) throws IOException {
        if (!Files.isRegularFile(dir.resolve("oci-layout"))) throw new LayoutException(dir + ": not an OCI image layout (no oci-layout file)");
        for (BytesBlob b : blobs) LayoutBlobs.put(dir, b, b.descriptor(), dir + ": blob");
        LayoutBlobs.put(dir, manifest, manifest.descriptor(), dir + ": manifest");
        Descriptor entry = manifest.descriptor();
        if (refName != null) entry = entry.withAnnotations(Map.of(OciIndexFile.REF_NAME, refName));
        OciIndexFile.put(dir, entry, refName);
        return entry;
    }

    /** Reads the image named {@code refName} (or the only one, if null) for this machine's platform. */
    public static Image read(Path dir, String refName) throws IOException {
        return read(dir, refName, Platform.host());
    }

    /**
     * Reads the image named {@code refName} (or the layout's only entry, if null); an image index is resolved to
     * {@code platform}. The layers are backed by the layout's blob files ({@link BlobFileLayer}).
     */
    public static Image read(Path dir, String refName, Platform platform) throws IOException {
        if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
            throw new LayoutException(dir + ": not an OCI image layout (no oci-layout file)");
        }
        Descriptor d = OciLayoutReader.resolve(dir, refName, platform);
        Manifest m = OciLayoutReader.manifest(dir, d);
        return OciLayoutReader.image(dir, m);
    }
}
