package dev.kiln.layout;

import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A layer whose compressed blob is a local file, e.g. {@code blobs/sha256/<hex>} of an OCI image layout. */
public record BlobFileLayer(Descriptor descriptor, Digest diffId, Path file) implements Layer {
    public BlobFileLayer {
        if (descriptor == null || diffId == null || file == null) {
            throw new IllegalArgumentException("layer file needs a descriptor, a diff ID and a path");
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
