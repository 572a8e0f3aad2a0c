package dev.kiln.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.MediaTypes;
import dev.kiln.registry.ManifestResponse;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes artifacts about an image into the image's repository: blobs, then each artifact manifest by digest. A
 * registry that answers {@code OCI-Subject} indexes them itself (referrers API); for any other the referrers tag
 * schema's index ({@link ReferrersTag}) is updated, as OCI distribution 1.1 asks of clients.
 */
public final class RegistryReferrers implements ReferrerSink {
    private final RegistryClient client;
    private final Reference repository;
    private final EventSink events;

    public RegistryReferrers(RegistryClient client, Reference repository, EventSink events) {
        this.client = client;
        this.repository = repository;
        this.events = events;
    }

    @Override
    public void attach(Descriptor subject, List<Artifact> artifacts) throws IOException {
        List<ObjectNode> unindexed = new ArrayList<>();
        for (Artifact a : artifacts) {
            ArtifactManifest m = ArtifactManifest.of(a, subject);
            for (BytesBlob b : m.blobs()) pushBlob(repository, b);
            var put = client.putManifestAnswer(repository.withDigest(m.manifest().descriptor().digest()),
                    m.manifest().bytes(), MediaTypes.OCI_MANIFEST);
            if (!put.referrersApi()) unindexed.add(m.indexEntry(a.annotations()));
            events.emit(Event.info("attest", "attached " + a.artifactType() + " " + put.digest() + " to "
                    + repository.name() + "@" + subject.digest() + (put.referrersApi() ? " (referrers API)" : "")));
        }
        if (unindexed.isEmpty()) return;
        Reference tag = repository.withTag(ReferrersTag.tag(subject.digest()));
        byte[] index = ReferrersTag.add(existing(tag), unindexed);
        client.putManifest(tag, index, MediaTypes.OCI_INDEX);
        events.emit(Event.info("attest", "updated referrers index " + tag + " (the registry has no referrers API)"));
    }

    @Override
    public void putTagged(String tag, BytesBlob manifest, List<BytesBlob> blobs) throws IOException {
        for (BytesBlob b : blobs) pushBlob(repository, b);
        client.putManifest(repository.withTag(tag), manifest.bytes(), manifest.descriptor().mediaType());
        events.emit(Event.info("attest", "pushed " + repository.withTag(tag)));
    }

    /** Pushes a manifest by its digest, its blobs first (an attestation manifest an index will name). */
    void putByDigest(BytesBlob manifest, List<BytesBlob> blobs) throws IOException {
        for (BytesBlob b : blobs) pushBlob(repository, b);
        client.putManifest(repository.withDigest(manifest.descriptor().digest()), manifest.bytes(), manifest.descriptor().mediaType());
    }

    private void pushBlob(Reference repo, BytesBlob b) throws IOException {
        if (!client.blobExists(repo.registry(), repo.repository(), b.descriptor().digest(), b.descriptor().size())) {
            client.uploadBlob(repo.registry(), repo.repository(), b);
        }
    }

    private byte[] existing(Reference tag) throws IOException {
        try {
            ManifestResponse r = client.getManifest(tag);
            return r.bytes();
        } catch (RegistryException e) {
            if (e.status() == 404) return null;
            throw e;
        }
    }
}
