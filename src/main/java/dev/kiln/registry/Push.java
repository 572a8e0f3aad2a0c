package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Blob;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One push of one image to several destinations. Per (registry, blob) one task walks the destination
 * repositories of that registry in order, so a blob uploaded to the first is mounted into the others.
 * Tasks run on virtual threads, at most {@link #PARALLEL} at once. Manifests go out only after every blob task
 * succeeded, so a failure never leaves a half-published image.
 */
final class Push {
    static final int PARALLEL = 4;

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
        BytesBlob manifest = image.manifestBlob();
        pushBlobs(distinctBlobs());
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
            events.emit(Event.info("push", "pushed " + dest + "@" + d));
            out.put(dest, d);
        }
        return out;
    }

    /** A registry refused to overwrite a tag (ECR TAG_INVALID, Harbor/GAR/Quay "immutable" messages). */
    static boolean immutableTag(RegistryException e) {
        if (e.hasCode("TAG_INVALID") || e.hasCode("MANIFEST_TAG_IMMUTABLE") || e.hasCode("TAG_IMMUTABLE")) return true;
        return e.errors().stream().anyMatch(x -> (x.code() + " " + x.message()).toLowerCase(java.util.Locale.ROOT).contains("immutable"));
    }

    private List<Blob> distinctBlobs() {
        Map<Digest, Blob> byDigest = new LinkedHashMap<>();
        image.layers().forEach(l -> byDigest.putIfAbsent(l.descriptor().digest(), l));
        BytesBlob config = image.configBlob();
        byDigest.putIfAbsent(config.descriptor().digest(), config);
        return List.copyOf(byDigest.values());
    }

    private void pushBlobs(List<Blob> blobs) throws IOException {
        Map<String, LinkedHashSet<String>> reposByRegistry = new LinkedHashMap<>();
        for (Reference d : destinations) reposByRegistry.computeIfAbsent(d.registry(), k -> new LinkedHashSet<>()).add(d.repository());
        Semaphore permits = new Semaphore(PARALLEL);
        List<Future<Void>> tasks = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            reposByRegistry.forEach((registry, repos) -> {
                for (Blob b : blobs) {
                    BlobPlacement p = new BlobPlacement(client, events, registry, List.copyOf(repos), b);
                    tasks.add(exec.submit(() -> {
                        permits.acquire();
                        try {
                            p.run();
                        } finally {
                            permits.release();
                        }
                        return null;
                    }));
                }
            });
            IOException failure = null;
            for (Future<Void> f : tasks) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) failure = new IOException("push to " + destinations
                            + " failed; no manifest was pushed: " + e.getCause().getMessage(), e.getCause());
                    else failure.addSuppressed(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    tasks.forEach(t -> t.cancel(true));
                    throw new InterruptedIOException("interrupted while pushing to " + destinations);
                }
            }
            if (failure != null) throw failure;
        }
    }
}
