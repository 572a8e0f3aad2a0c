package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Blob;
import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one blob into several repositories of one registry: HEAD first, then a cross-repository mount from
 * a repository known to hold it (its origin, or one this placement already filled), else an upload.
 */
final class BlobPlacement {
    private final RegistryClient client;
    private final EventSink events;
    private final String registry;
    private final List<String> repositories;
    private final Blob blob;

    BlobPlacement(RegistryClient client, EventSink events, String registry, List<String> repositories, Blob blob) {
        this.client = client;
        this.events = events;
        this.registry = registry;
        this.repositories = repositories;
        this.blob = blob;
    }

    void run() throws IOException {
        Digest digest = blob.descriptor().digest();
        String holder = blob.origin().filter(o -> o.registry().equals(registry)).map(BlobOrigin::repository).orElse(null);
        for (String repo : repositories) {
            Event.LayerPushed done = place(repo, digest, holder);
            events.emit(done);
            if (holder == null || done.placement() == Event.Placement.UPLOADED) holder = repo;
        }
    }

    private Event.LayerPushed place(String repo, Digest digest, String holder) throws IOException {
        String dest = registry + "/" + repo;
        long size = blob.descriptor().size();
        if (client.blobExists(registry, repo, digest, size)) return new Event.LayerPushed(shortDigest(digest), dest, Event.Placement.EXISTED, null, size);
        List<String> sources = new ArrayList<>();
        if (holder != null && !holder.equals(repo)) sources.add(holder);
        for (String from : sources) {
            if (client.mountBlob(registry, repo, digest, from)) {
                return new Event.LayerPushed(shortDigest(digest), dest, Event.Placement.MOUNTED, from, size);
            }
        }
        client.uploadBlob(registry, repo, blob);
        return new Event.LayerPushed(shortDigest(digest), dest, Event.Placement.UPLOADED, null, size);
    }

    private static String shortDigest(Digest d) {
        return d.algorithm() + ":" + d.hex().substring(0, 12);
    }
}
