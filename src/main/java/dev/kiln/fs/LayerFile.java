package dev.kiln.fs;

import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A compressed layer blob in a local file, with both digests computed when it was written. */
public record LayerFile(Path file, Descriptor descriptor, Digest diffId) implements Layer {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
