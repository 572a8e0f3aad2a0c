package dev.kiln.cache;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes cache entries on virtual threads while the build goes on. A failed write is a WARN event, never a
 * build failure. {@link #close()} waits for the writes still running (call it before the work directory
 * holding the layer files is deleted).
 */
public final class CacheWriter implements AutoCloseable {
    private final LayerCache cache;
    private final EventSink events;
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> pending = new ArrayList<>();

    public CacheWriter(LayerCache cache, EventSink events) {
        this.cache = cache;
        this.events = events;
    }

    public synchronized void submit(Digest key, CacheEntry entry, String what) {
        pending.add(exec.submit(() -> {
            try {
                cache.store(key, entry);
                events.emit(Event.debug("cache", "stored " + what + " in " + cache.describe() + " as " + key.hex()));
            } catch (Exception e) {
                events.emit(Event.warn("cache", "cannot store " + what + " in cache " + cache.describe()
                        + " (the build goes on): " + e.getMessage()));
            }
        }));
    }

    /** Waits for every submitted write (each one already reports its own failure). */
    @Override
    public void close() {
        List<Future<?>> all;
        synchronized (this) {
            all = List.copyOf(pending);
        }
        for (Future<?> f : all) {
            try {
                f.get();
            } catch (ExecutionException e) {
                events.emit(Event.warn("cache", "cache write failed: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        exec.shutdown();
    }
}
