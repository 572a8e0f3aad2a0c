package dev.kiln.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Index;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import dev.kiln.image.Manifest;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The steps of {@link OciLayout#read}: index.json entry, nested index, manifest, config, layer files. */
final class OciLayoutReader {
    private OciLayoutReader() {}

    /** The manifest descriptor for a ref name (nested indexes resolved to {@code platform}). */
    static Descriptor resolve(Path dir, String refName, Platform platform) throws IOException {
        List<JsonNode> matches = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (JsonNode n : OciIndexFile.readOrEmpty(dir).get("manifests")) {
            String ref = OciIndexFile.refName(n);
            refs.add(ref == null ? "(unnamed " + n.path("digest").asText() + ")" : ref);
            if (refName == null || refName.equals(ref)) matches.add(n);
        }
        if (matches.size() != 1) {
            String what = refName == null ? "exactly one image (no ref name given)" : "an image named '" + refName + "'";
            throw new LayoutException(OciIndexFile.path(dir) + ": expected " + what + ", found "
                    + matches.size() + " (entries: " + refs + ")");
        }
        Descriptor d = Json.mapper().treeToValue(matches.getFirst(), Descriptor.class);
        for (int depth = 0; MediaTypes.isIndex(d.mediaType()); depth++) {
            if (depth > 4) throw new LayoutException(dir + ": image indexes nested too deeply at " + d.digest());
            Index idx = Json.read(LayoutBlobs.readVerified(dir, d, "index"), Index.class);
            Descriptor parent = d;
            d = idx.select(platform).orElseThrow(() -> new LayoutException(dir + ": index " + parent.digest()
                    + " has no manifest for platform " + platform));
        }
        if (!MediaTypes.isManifest(d.mediaType())) {
            throw new LayoutException(dir + ": entry " + d.digest() + " has media type " + d.mediaType()
                    + ", not an image manifest or index");
        }
        return d;
    }

    static Manifest manifest(Path dir, Descriptor d) throws IOException {
        return Json.read(LayoutBlobs.readVerified(dir, d, "manifest"), Manifest.class);
    }

    static Image image(Path dir, Manifest m) throws IOException {
        ImageConfig config = Json.read(LayoutBlobs.readVerified(dir, m.config(), "config"), ImageConfig.class);
        List<Digest> diffIds = config.rootfs().diffIds();
        if (diffIds.size() != m.layers().size()) {
            throw new LayoutException(dir + ": manifest lists " + m.layers().size() + " layers but config "
                    + m.config().digest() + " lists " + diffIds.size() + " diff IDs");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor ld = m.layers().get(i);
            Path file = LayoutBlobs.path(dir, ld.digest());
            if (!Files.isRegularFile(file) || Files.size(file) != ld.size()) {
                throw new LayoutException(dir + ": layer blob " + file + " is missing or not " + ld.size() + " bytes");
            }
            layers.add(new BlobFileLayer(ld, diffIds.get(i), file));
        }
        return new Image(m.format(), config, layers);
    }
}
