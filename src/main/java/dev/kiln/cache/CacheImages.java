package dev.kiln.cache;

import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.image.RootFs;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cache entry as a small OCI image: zero or one layer, a config whose single history entry is the
 * instruction's, whose {@code WorkingDir} is the config delta, and whose labels hold the key and the
 * creation time (also the config's {@code created}) that {@code --cache-ttl} is measured from.
 */
public final class CacheImages {
    public static final String LABEL_CREATED = "dev.kiln.cache.created";
    public static final String LABEL_KEY = "dev.kiln.cache.key";

    private CacheImages() {}

    public static Image toImage(Digest key, CacheEntry e, Platform platform) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_CREATED, e.created().toString());
        labels.put(LABEL_KEY, key.toString());
        ContainerConfig cc = ContainerConfig.EMPTY.withLabels(labels).withWorkingDir(e.workingDir());
        List<Layer> layers = e.layer() == null ? List.of() : List.of(e.layer());
        List<Digest> diffIds = layers.stream().map(Layer::diffId).toList();
        ImageConfig c = new ImageConfig(platform.architecture(), null, cc, e.created().toString(), List.of(e.history()),
                platform.os(), platform.osVersion(), RootFs.of(diffIds), platform.variant());
        return new Image(ManifestFormat.OCI, c, layers);
    }

    /** Reads an entry back; {@code where} names it in errors. */
    public static CacheEntry fromImage(Image img, Digest key, String where) throws IOException {
        ImageConfig c = img.config();
        Map<String, String> labels = c.config().labels() == null ? Map.of() : c.config().labels();
        if (!key.toString().equals(labels.get(LABEL_KEY))) {
            throw new IOException(where + ": not a kiln cache entry for " + key + " (label " + LABEL_KEY + " is "
                    + labels.get(LABEL_KEY) + ")");
        }
        if (c.history().size() != 1 || img.layers().size() > 1) {
            throw new IOException(where + ": malformed cache entry (" + c.history().size() + " history entries, "
                    + img.layers().size() + " layers)");
        }
        Instant created;
        try {
            created = Instant.parse(labels.getOrDefault(LABEL_CREATED, ""));
        } catch (DateTimeParseException ex) {
            throw new IOException(where + ": cache entry has no valid " + LABEL_CREATED + " label", ex);
        }
        Layer layer = img.layers().isEmpty() ? null : img.layers().getFirst();
        History h = c.history().getFirst();
        try {
            return new CacheEntry(layer, h, c.config().workingDir(), created);
        } catch (IllegalArgumentException ex) {
            throw new IOException(where + ": " + ex.getMessage(), ex);
        }
    }
}
