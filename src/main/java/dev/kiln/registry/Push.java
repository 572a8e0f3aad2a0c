package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One push of one image to several destinations: the blobs through a {@link PushSession} (see there), then
 * the manifest to each destination, only once every blob is in place.
 */
final class Push {
    static final int PARALLEL = PushSession.PARALLEL;

    private final RegistryClient client;
    private final EventSink events;
    private final Image image;
    private final List<Reference> destinations;

    Push(RegistryClient client, EventSink events, Image image, List<Reference> destinations) {
        if (destinations.isEmpty()) throw new IllegalArgumentException("push needs at least one destination");
        this.client = client;
        this.events = events;
        this.image = image;
        this.destinations = List.copyOf(destinations);
    }

    Map<Reference, Digest> run() throws IOException {
        try (PushSession s = new PushSession(client, events, destinations, PushGate.OPEN)) {
            return s.finish(image);
        }
    }

    /** The manifest to every destination; call only when every blob is confirmed in place. */
    Map<Reference, Digest> putManifests() throws IOException {
        return putManifests(client, events, image.manifestBlob(), destinations);
    }

    /** A manifest or index to every destination (its tag or digest); call only when everything it names is in place. */
    static Map<Reference, Digest> putManifests(RegistryClient client, EventSink events, BytesBlob manifest,
                                               List<Reference> destinations) throws IOException {
        Map<Reference, Digest> out = new LinkedHashMap<>();
        for (Reference dest : destinations) {
            Digest d;
            try {
                d = client.putManifest(dest, manifest.bytes(), manifest.descriptor().mediaType());
            } catch (RegistryException e) {
                if (!immutableTag(e) || !client.options().pushIgnoreImmutableTagErrors()) throw e;
                d = manifest.descriptor().digest();
                events.emit(Event.warn("push", "tag " + dest + " is immutable and was not overwritten"
                        + " (--push-ignore-immutable-tag-errors): " + e.getMessage()));
                out.put(dest, d);
                continue;
            }
            events.emit(Event.info("push", "pushed " + (dest.digest() != null ? dest : dest + "@" + d)));
            out.put(dest, d);
        }
        return out;
    }

    /** A registry refused to overwrite a tag (ECR TAG_INVALID, Harbor/GAR/Quay "immutable" messages). */
    static boolean immutableTag(RegistryException e) {
        if (e.hasCode("TAG_INVALID") || e.hasCode("MANIFEST_TAG_IMMUTABLE") || e.hasCode("TAG_IMMUTABLE")) return true;
        return e.errors().stream().anyMatch(x -> (x.code() + " " + x.message()).toLowerCase(java.util.Locale.ROOT).contains("immutable"));
    }
}
