package dev.kiln.cache;

import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.layout.OciLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The base-image cache that {@code kiln warm} fills and {@code kiln build --cache-dir} reads: one OCI image
 * layout per (reference, platform), in {@code <dir>/<sha256 of "reference\nplatform">}, holding the image
 * under the ref name {@value #REF}. An entry is written to a temporary directory and renamed into place, so
 * readers never see half an image. Its age (for {@code --cache-ttl}) is the mtime of its {@code index.json}.
 */
public final class BaseImageCache {
    public static final String REF = "image";
    private final Path dir;

    public BaseImageCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() { return dir; }

    /** The layout directory of one image. */
    public Path layoutFor(String reference, Platform platform) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((reference + "\n" + platform).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when an entry exists and is younger than {@code ttl}. */
    public boolean fresh(String reference, Platform platform, Duration ttl, Instant now) throws IOException {
        Path index = layoutFor(reference, platform).resolve("index.json");
        if (!Files.isRegularFile(index)) return false;
        return !Files.getLastModifiedTime(index).toInstant().plus(ttl).isBefore(now);
    }

    /** The cached image, if present and fresh; its layers are the layout's blob files. */
    public Optional<Image> read(String reference, Platform platform, Duration ttl, Instant now) throws IOException {
        if (!fresh(reference, platform, ttl, now)) return Optional.empty();
        return Optional.of(OciLayout.read(layoutFor(reference, platform), REF, platform));
    }

    /** Writes (or replaces) the entry; every layer is read once, verified by its source, and stored. */
    public Path write(String reference, Platform platform, Image image) throws IOException {
        Path target = layoutFor(reference, platform);
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".warm-");
        try {
            OciLayout.write(image, tmp, REF);
            Files.writeString(tmp.resolve("kiln-reference"), reference + "\n" + platform + "\n");
            if (Files.exists(target)) {
                Path old = dir.resolve(".old-" + target.getFileName() + "-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) deleteTree(tmp);
        }
        return target;
    }


    private static void deleteTree(Path p) {
        dev.kiln.fs.Trees.delete(p);
    }
}
