package dev.kiln.layout;

import dev.kiln.image.Blob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code blobs/<alg>/<hex>} store of an OCI image layout. */
final class LayoutBlobs {
    private LayoutBlobs() {}

    static Path path(Path layout, Digest d) {
        return layout.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
    }

    /**
     * Stores a blob unless the layout already holds it (same digest and size): streamed to a temp file in
     * the blob directory, verified against {@code want}, then renamed into place.
     */
    static void put(Path layout, Blob blob, Descriptor want, String what) throws IOException {
        Path target = path(layout, want.digest());
        if (Files.isRegularFile(target) && Files.size(target) == want.size()) return;
        try (InputStream in = blob.open()) {
            AtomicFiles.write(target, out -> VerifiedCopy.copy(in, out, want, what + " " + want.digest()));
        }
    }

    /** Reads a small blob (manifest, index, config) and checks its digest and size. */
    static byte[] readVerified(Path layout, Descriptor d, String what) throws IOException {
        Path p = path(layout, d.digest());
        if (!Files.isRegularFile(p)) throw new LayoutException(layout + ": " + what + " blob " + p + " is missing");
        if (Files.size(p) != d.size()) {
            throw new LayoutException(layout + ": " + what + " blob " + p + " has " + Files.size(p)
                    + " bytes, its descriptor says " + d.size());
        }
        if (d.size() > 64L * 1024 * 1024) throw new LayoutException(layout + ": " + what + " blob " + p + " is too large");
        byte[] bytes = Files.readAllBytes(p);
        var md = d.digest().newMessageDigest();
        md.update(bytes);
        if (!d.digest().matches(md)) throw new LayoutException(layout + ": " + what + " blob " + p + " does not match its digest");
        return bytes;
    }
}
