package dev.kiln.cache;

import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import dev.kiln.layout.LayoutException;
import dev.kiln.layout.OciLayout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --cache-repo oci:/path}: entries are images in one OCI image layout, named by the key's hex
 * ({@code org.opencontainers.image.ref.name}). Blobs are renamed into place before {@code index.json} is
 * replaced atomically; writers serialise on a lock file ({@code index.json.lock}, an OS file lock, so builds
 * in other processes sharing the directory never lose each other's entries) and a lock within this process, one per
 * directory: the JVM holds file locks per process, so two caches on one layout (the platforms of a multi-platform
 * build, built at once) must not ask for the OS lock at the same time.
 */
public final class OciLayoutLayerCache implements LayerCache {
    private final Path dir;
    private final Platform platform;
    /** In-process writer locks by layout directory: as process-wide as the OS file locks they guard. */
    private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();
    private final ReentrantLock local;

    public OciLayoutLayerCache(Path dir, Platform platform) {
        this.dir = dir;
        this.platform = platform;
        this.local = WRITERS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
    }

    @Override
    public Optional<CacheEntry> lookup(Digest key) throws IOException {
        if (!Files.isRegularFile(dir.resolve("index.json"))) return Optional.empty();
        Image img;
        try {
            img = OciLayout.read(dir, key.hex(), platform);
        } catch (LayoutException e) {
            if (e.getMessage() != null && e.getMessage().contains("found 0")) return Optional.empty();
            throw e;
        }
        return Optional.of(CacheImages.fromImage(img, key, dir + " (" + key.hex() + ")"));
    }

    @Override
    public void store(Digest key, CacheEntry entry) throws IOException {
        Image img = CacheImages.toImage(key, entry, platform);
        Files.createDirectories(dir);
        local.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve("index.json.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            OciLayout.write(img, dir, key.hex());
        } finally {
            local.unlock();
        }
    }

    @Override
    public String describe() {
        return "oci:" + dir;
    }
}
