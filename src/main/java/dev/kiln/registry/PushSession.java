package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Blob;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageIndex;

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
 * The blobs of one image going to several destinations, each started as soon as it is final ({@link #offer}, while
 * the build goes on) and the rest at {@link #finish}. Per (registry, blob) one task walks the destination
 * repositories of that registry in order, so a blob uploaded to the first is mounted into the others. Tasks run
 * on virtual threads, at most {@link #PARALLEL} at once, each only after the {@link PushGate} passed. Manifests go
 * out only after every blob task of the image succeeded, so a failure never leaves a half-published image.
 * {@link #close()} stops tasks still running (a build that failed).
 */
public final class PushSession implements AutoCloseable {
    static final int PARALLEL = 4;

    private final RegistryClient client;
    private final EventSink events;
    private final List<Reference> destinations;
    private final PushGate gate;
    private final Map<String, List<String>> reposByRegistry = new LinkedHashMap<>();
    private final Semaphore permits = new Semaphore(PARALLEL);
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Digest, List<Future<Void>>> tasks = new LinkedHashMap<>();
    private volatile Throwable failure;

    PushSession(RegistryClient client, EventSink events, List<Reference> destinations, PushGate gate) {
        if (destinations.isEmpty()) throw new IllegalArgumentException("push needs at least one destination");
        this.client = client;
        this.events = events;
        this.destinations = List.copyOf(destinations);
        this.gate = gate;
        Map<String, LinkedHashSet<String>> repos = new LinkedHashMap<>();
        for (Reference d : destinations) repos.computeIfAbsent(d.registry(), k -> new LinkedHashSet<>()).add(d.repository());
        repos.forEach((k, v) -> reposByRegistry.put(k, List.copyOf(v)));
    }

    public List<Reference> destinations() { return destinations; }

    /**
     * Starts placing a final blob (a layer) in every destination now; a blob offered before is not pushed again.
     * Throws when the permission check or an earlier blob push already failed (the build should stop).
     */
    public void offer(Blob blob) throws IOException {
        failIfFailed();
        start(blob);
    }

    /** Throws the first failure of the permission check or of a blob push so far; never blocks. */
    public void failIfFailed() throws IOException {
        gate.failIfFailed();
        Throwable t = failure;
        if (t != null) throw failed(t);
    }

    /**
     * Places every blob of {@code image} not offered yet, waits for all of them, then pushes the manifest to each
     * destination. @return the manifest digest per destination
     */
    public Map<Reference, Digest> finish(Image image) throws IOException {
        List<Future<Void>> all = new ArrayList<>();
        for (Blob b : distinctBlobs(image)) all.addAll(start(b));
        await(all);
        gate.await();
        return new Push(client, events, image, destinations).putManifests();
    }

    /**
     * The multi-platform push: places every blob of every image, waits for all of them, pushes each image's manifest
     * by digest into each destination repository, and only then the index under each destination's tag (nothing is
     * tagged before every platform is complete). @return the index digest per destination
     */
    public Map<Reference, Digest> finish(ImageIndex index) throws IOException {
        List<Future<Void>> all = new ArrayList<>();
        for (ImageIndex.PlatformImage p : index.images()) for (Blob b : distinctBlobs(p.image())) all.addAll(start(b));
        await(all);
        gate.await();
        Map<String, Reference> repos = new LinkedHashMap<>(); // one per repository: the manifests go in by digest
        for (Reference d : destinations) repos.putIfAbsent(d.name(), d);
        for (ImageIndex.PlatformImage p : index.images()) {
            BytesBlob m = p.image().manifestBlob();
            List<Reference> byDigest = repos.values().stream()
                    .map(r -> new Reference(r.registry(), r.repository(), null, m.descriptor().digest())).toList();
            new Push(client, events, p.image(), byDigest).putManifests();
        }
        return Push.putManifests(client, events, index.indexBlob(), destinations);
    }

    private synchronized List<Future<Void>> start(Blob blob) {
        Digest digest = blob.descriptor().digest();
        List<Future<Void>> running = tasks.get(digest);
        if (running != null) return running;
        List<Future<Void>> fs = new ArrayList<>();
        reposByRegistry.forEach((registry, repos) -> {
            BlobPlacement p = new BlobPlacement(client, events, registry, repos, blob);
            fs.add(exec.submit(() -> {
                gate.await();
                permits.acquire();
                try {
                    p.run();
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                    throw t;
                } finally {
                    permits.release();
                }
                return null;
            }));
        });
        tasks.put(digest, fs);
        return fs;
    }

    private void await(List<Future<Void>> all) throws IOException {
        IOException first = null;
        for (Future<Void> f : all) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                gate.failIfFailed(); // a refused permission check is the clearer message
                if (first == null) first = failed(cause);
                else first.addSuppressed(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.forEach(t -> t.cancel(true));
                throw new InterruptedIOException("interrupted while pushing to " + destinations);
            }
        }
        if (first != null) throw first;
    }

    private IOException failed(Throwable cause) {
        return new IOException("push to " + destinations + " failed; no manifest was pushed: " + cause.getMessage(), cause);
    }

    private static List<Blob> distinctBlobs(Image image) {
        Map<Digest, Blob> byDigest = new LinkedHashMap<>();
        image.layers().forEach(l -> byDigest.putIfAbsent(l.descriptor().digest(), l));
        BytesBlob config = image.configBlob();
        byDigest.putIfAbsent(config.descriptor().digest(), config);
        return List.copyOf(byDigest.values());
    }

    /** Stops blob pushes still running (after {@link #finish} there are none). */
    @Override
    public void close() {
        exec.shutdownNow();
    }
}
