package dev.kiln.cache;

import dev.kiln.rootfs.CachedLayer;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;

import dev.kiln.event.Event;
import dev.kiln.image.Digest;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The layer cache for one stage. All planned look-ups start at once on virtual threads; before each RUN, COPY,
 * ADD or WORKDIR the key is computed from the step resolved from the real state and, on a hit, the step is replayed
 * instead of executed: its layer (still in the cache: nothing is downloaded until a later step reads the
 * filesystem) and history entry are added, WORKDIR's directory set. After a miss the result is stored in the
 * background. Confined to the thread building the stage.
 */
public class StageCache {
    public static final StageCache NONE = new StageCache();

    private final CacheStore store;
    private final CacheKeys keys;
    private final HistoryClock clock;
    private final Path workDir;
    private final Consumer<Digest> onFinish;
    private final Map<Digest, Future<Optional<CacheEntry>>> lookups = new HashMap<>();
    private final ExecutorService exec;
    private Digest prev;
    private Digest pending;
    private int hits;
    private int misses;

    private StageCache() {
        store = null;
        keys = null;
        clock = null;
        workDir = null;
        onFinish = d -> { };
        exec = null;
    }

    StageCache(CacheStore store, CacheKeys keys, HistoryClock clock, Path workDir, Digest first, List<Digest> planned,
               Consumer<Digest> onFinish) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.workDir = workDir;
        this.onFinish = onFinish;
        this.prev = first;
        this.exec = Executors.newVirtualThreadPerTaskExecutor();
        for (Digest k : planned) if (k != null) lookups.computeIfAbsent(k, x -> exec.submit(() -> lookup(x)));
    }

    private boolean enabled(Step step) {
        if (store == null) return false;
        return step instanceof Step.Run ? store.options().runLayers() : store.options().copyLayers();
    }

    /**
     * Whether RUNs may be replayed from the cache instead of executed (then the stage may never need its rootfs):
     * RUN layers are cached and a planned look-up found something (waits for the planned look-ups).
     */
    public boolean mayReplayRuns() throws IOException {
        if (store == null || !store.options().runLayers()) return false;
        for (Future<Optional<CacheEntry>> f : lookups.values()) if (await(f).isPresent()) return true;
        return false;
    }

    /** Before a step: true when it was replayed from the cache (then it must not execute). */
    public boolean replay(StageState s, Step step) throws IOException {
        pending = null;
        if (store == null || step instanceof Step.Config) return false;
        pending = keys.before(prev, step);
        if (pending == null || !enabled(step)) return false;
        Future<Optional<CacheEntry>> f = lookups.computeIfAbsent(pending, x -> exec.submit(() -> lookup(x)));
        Optional<CacheEntry> hit = await(f);
        String wd = step instanceof Step.Workdir w ? w.path() : null;
        if (hit.isEmpty() || (wd != null && !wd.equals(hit.get().workingDir()))) {
            misses++;
            store.events().emit(new Event.CacheMiss(step.location().where(), pending.hex().substring(0, 12)));
            return false;
        }
        apply(s, hit.get(), wd);
        prev = pending;
        hits++;
        store.events().emit(new Event.CacheHit(step.location().where(), pending.hex().substring(0, 12)));
        return true;
    }

    private void apply(StageState s, CacheEntry e, String wd) throws IOException {
        if (wd != null) s.setContainer(s.container().withWorkingDir(wd));
        History h = new History(clock.created(), e.history().createdBy(), e.history().author(), e.history().comment(),
                e.history().emptyLayer());
        if (e.layer() == null) {
            s.addHistory(h);
            return;
        }
        Layer l = new CachedLayer(e.layer(), workDir);
        s.addLayer(l, h);
        s.indexLater(l);
    }

    /** After a step executed: chain its key and store a cacheable result in the background. */
    public void executed(StageState s, Step step, Image before) {
        if (store == null) return;
        if (step instanceof Step.Config c) {
            prev = CacheKeys.afterMeta(prev, s, c);
            return;
        }
        prev = pending;
        if (pending == null || !enabled(step) || store.writer() == null) return;
        Image after = s.image();
        int newLayers = after.layers().size() - before.layers().size();
        int newHistory = after.config().history().size() - before.config().history().size();
        if (newLayers > 1 || newHistory != 1) return;
        Layer layer = newLayers == 1 ? after.layers().getLast() : null;
        String wd = step instanceof Step.Workdir ? s.container().workingDir() : null;
        CacheEntry entry = new CacheEntry(layer, after.config().history().getLast(), wd, Instant.now());
        store.writer().submit(pending, entry, step.location().where() + " " + step.source().keyword());
    }

    /** At the end of the stage: summary (incl. whether a rootfs was extracted) and the stage's last key. */
    public void finish(String stageLabel, StageState s) {
        if (store == null) return;
        exec.shutdownNow();
        store.events().emit(Event.debug("cache", "stage " + stageLabel + ": " + hits + " cached, " + misses
                + " executed; rootfs extracted: " + s.rootfsLoaded() + "; filesystem indexed: " + s.treeLoaded()));
        onFinish.accept(prev);
    }

    private Optional<CacheEntry> lookup(Digest key) {
        try {
            Optional<CacheEntry> e = store.layers().lookup(key);
            if (e.isPresent() && e.get().expired(Instant.now(), store.options().ttl())) {
                store.events().emit(Event.info("cache", "cached layer " + key.hex().substring(0, 12) + " created "
                        + e.get().created() + " is older than --cache-ttl " + store.options().ttl() + "; ignoring it"));
                return Optional.empty();
            }
            return e;
        } catch (IOException | RuntimeException e) {
            store.events().emit(Event.warn("cache", "cache look-up of " + key.hex().substring(0, 12) + " in "
                    + store.layers().describe() + " failed (treated as a miss): " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<CacheEntry> await(Future<Optional<CacheEntry>> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while looking up the layer cache");
        }
    }
}
