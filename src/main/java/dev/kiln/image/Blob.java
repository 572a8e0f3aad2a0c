package dev.kiln.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Content addressed by its descriptor; {@link #open()} streams it (verified by whoever reads remote content). */
public interface Blob {
    Descriptor descriptor();

    InputStream open() throws IOException;

    /** Where the blob already lives in a registry, if anywhere (for HEAD and cross-repository mounts). */
    default Optional<BlobOrigin> origin() {
        return Optional.empty();
    }
}
