package dev.kiln.layout;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code docker save}-format tarball as an image sink: {@code manifest.json} (Config, RepoTags, Layers),
 * the config as {@code <hex>.json} and each layer blob as stored, named {@code <hex>.tar.gz} (as
 * go-containerregistry's tarball writes them; {@code docker load}, {@code podman load} and
 * {@code skopeo docker-archive:} accept compressed layers). Loaders read by name, so manifest.json comes last.
 */
public final class DockerArchive {
    private DockerArchive() {}

    /** One image entry of {@code manifest.json}. */
    public record ManifestEntry(@JsonProperty("Config") String config,
                                @JsonProperty("RepoTags") List<String> repoTags,
                                @JsonProperty("Layers") List<String> layers) {
        public ManifestEntry {
            repoTags = List.copyOf(repoTags);
            layers = List.copyOf(layers);
        }
    }

    /**
     * Writes {@code image} to {@code tarFile} (replaced atomically; a failed write leaves no file behind),
     * tagged {@code repoTags} (e.g. {@code registry.example/app:1}; may be empty). Layers are streamed and
     * checked against their descriptors.
     */
    public static ManifestEntry write(Image image, Path tarFile, List<String> repoTags) throws IOException {
        for (String t : repoTags) {
            if (t == null || t.isBlank() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid repo tag '" + t + "' for docker archive " + tarFile);
            }
        }
        BytesBlob config = image.configBlob();
        String configName = config.descriptor().digest().hex() + ".json";
        List<String> layerNames = new ArrayList<>();
        for (Layer l : image.layers()) layerNames.add(layerName(l.descriptor()));
        ManifestEntry entry = new ManifestEntry(configName, repoTags, layerNames);

        AtomicFiles.write(tarFile, out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                putBytes(tar, configName, config.bytes());
                Set<String> written = new HashSet<>();
                for (int i = 0; i < image.layers().size(); i++) {
                    Layer l = image.layers().get(i);
                    if (!written.add(layerNames.get(i))) continue;   // same blob twice: stored once
                    tar.putArchiveEntry(entry(layerNames.get(i), l.descriptor().size()));
                    try (InputStream in = l.open()) {
                        VerifiedCopy.copy(in, tar, l.descriptor(),
                                tarFile + ": layer " + (i + 1) + "/" + image.layers().size() + " " + l.descriptor().digest());
                    }
                    tar.closeArchiveEntry();
                }
                putBytes(tar, "manifest.json", Json.write(List.of(entry)));
                tar.finish();
            }
        });
        return entry;
    }

    static String layerName(Descriptor d) {
        String t = d.mediaType();
        String ext = t.endsWith("gzip") ? ".tar.gz" : t.endsWith("zstd") ? ".tar.zst" : ".tar";
        return d.digest().hex() + ext;
    }

    static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(entry(name, bytes.length));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        e.setMode(0100644);
        e.setLastModifiedTime(FileTime.fromMillis(0));
        return e;
    }
}
