package dev.kiln.registry;

import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A layer that lives in a registry repository; {@link #open()} downloads it, verified against its digest. */
public final class RemoteLayer implements Layer {
    private final Descriptor descriptor;
    private final Digest diffId;
    private final BlobOrigin origin;
    private final RegistryClient client;

    public RemoteLayer(Descriptor descriptor, Digest diffId, BlobOrigin origin, RegistryClient client) {
        if (descriptor == null || diffId == null || origin == null || client == null) {
            throw new IllegalArgumentException("remote layer needs descriptor, diff ID, origin and client");
        }
        this.descriptor = descriptor;
        this.diffId = diffId;
        this.origin = origin;
        this.client = client;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public Digest diffId() {
        return diffId;
    }

    @Override
    public Optional<BlobOrigin> origin() {
        return Optional.of(origin);
    }

    @Override
    public InputStream open() throws IOException {
        return PullProgress.of(client.openBlob(origin.registry(), origin.repository(), descriptor), client.events(),
                descriptor.digest().toString(), origin.registry() + "/" + origin.repository(), descriptor.size());
    }

    @Override
    public String toString() {
        return "RemoteLayer[" + descriptor.digest() + " in " + origin.registry() + "/" + origin.repository() + "]";
    }
}
