package dev.kiln.layout;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.ImageIndex;
import dev.kiln.image.Index;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A multi-platform image as one tarball, in the shape Docker 25's {@code docker save} writes: an OCI image layout
 * ({@code oci-layout}, {@code index.json} naming the image index, every blob under {@code blobs/sha256/}) that is
 * also a docker archive ({@code manifest.json}: one entry per platform, Config and Layers pointing into
 * {@code blobs/}). {@code skopeo}/{@code umoci} read it as {@code oci-archive:}, {@code docker load} and
 * {@code skopeo docker-archive:} through manifest.json. The repo tags go on one entry only (the platform of
 * this machine if built, else the first), so a load tags the image that runs here; the others load untagged.
 */
public final class IndexArchive {
    private IndexArchive() {}

    /** Writes {@code index} (OCI media types) to {@code tarFile}, replaced atomically; layers streamed and checked. */
    public static void write(ImageIndex index, Path tarFile, String refName, List<String> repoTags, Platform host) throws IOException {
        ImageIndex oci = index.asOci();
        for (String t : repoTags) {
            if (t == null || t.isBlank() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid repo tag '" + t + "' for docker archive " + tarFile);
            }
        }
        int tagged = taggedEntry(oci, host);
        List<DockerArchive.ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < oci.images().size(); i++) {
            Image img = oci.images().get(i).image();
            List<String> layers = img.layers().stream().map(l -> blobPath(l.descriptor())).toList();
            entries.add(new DockerArchive.ManifestEntry(blobPath(img.configBlob().descriptor()), i == tagged ? repoTags : List.of(), layers));
        }
        BytesBlob indexBlob = oci.indexBlob();
        Descriptor top = indexBlob.descriptor();
        if (refName != null) top = top.withAnnotations(Map.of(OciIndexFile.REF_NAME, refName));
        byte[] indexJson = Json.write(new Index(2, MediaTypes.OCI_INDEX, List.of(top), (Map<String, String>) null));

        AtomicFiles.write(tarFile, out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                DockerArchive.putBytes(tar, "oci-layout", OciLayout.LAYOUT_FILE);
                Set<String> written = new HashSet<>();
                for (ImageIndex.PlatformImage p : oci.images()) {
                    Image img = p.image();
                    for (int i = 0; i < img.layers().size(); i++) {
                        Layer l = img.layers().get(i);
                        String name = blobPath(l.descriptor());
                        if (!written.add(name)) continue;   // a blob shared by platforms (or repeated) is stored once
                        tar.putArchiveEntry(DockerArchive.entry(name, l.descriptor().size()));
                        try (InputStream in = l.open()) {
                            VerifiedCopy.copy(in, tar, l.descriptor(), tarFile + ": " + p.platform() + " layer " + (i + 1) + "/"
                                    + img.layers().size() + " " + l.descriptor().digest());
                        }
                        tar.closeArchiveEntry();
                    }
                    putBlob(tar, written, img.configBlob());
                    putBlob(tar, written, img.manifestBlob());
                }
                putBlob(tar, written, indexBlob);
                DockerArchive.putBytes(tar, "index.json", indexJson);
                DockerArchive.putBytes(tar, "manifest.json", Json.write(entries));
                tar.finish();
            }
        });
    }

    /** The entry that carries the repo tags: this machine's platform if it was built, else the first. */
    static int taggedEntry(ImageIndex index, Platform host) {
        for (int i = 0; i < index.images().size(); i++) {
            if (host.matches(index.images().get(i).platform())) return i;
        }
        return 0;
    }

    static String blobPath(Descriptor d) {
        return "blobs/" + d.digest().algorithm() + "/" + d.digest().hex();
    }

    private static void putBlob(TarArchiveOutputStream tar, Set<String> written, BytesBlob b) throws IOException {
        String name = blobPath(b.descriptor());
        if (written.add(name)) DockerArchive.putBytes(tar, name, b.bytes());
    }
}
