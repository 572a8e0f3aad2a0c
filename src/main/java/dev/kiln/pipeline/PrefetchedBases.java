package dev.kiln.pipeline;

import dev.kiln.plan.BaseImage;
import dev.kiln.plan.BaseImageResolver;

import dev.kiln.image.Platform;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Base images resolved ahead of need: {@link #prefetch} starts resolving (manifest and config) on a virtual thread
 * as soon as the plan names a base, so later stages' bases are known while earlier stages build; {@link #resolve}
 * waits for that result (or resolves now). Each (name, platform) is resolved once per build. A prefetch that
 * fails only matters when the stage is built: the error is thrown by {@link #resolve}.
 */
final class PrefetchedBases implements BaseImageResolver {
    private record Key(String name, Platform platform) {}

    private final BaseImageResolver source;
    private final ConcurrentHashMap<Key, CompletableFuture<BaseImage>> started = new ConcurrentHashMap<>();

    PrefetchedBases(BaseImageResolver source) {
        this.source = source;
    }

    /** Starts resolving {@code name} for {@code platform} unless already started. */
    void prefetch(String name, Platform platform) {
        future(new Key(name, platform));
    }

    @Override
    public BaseImage resolve(String name, Platform platform) throws IOException {
        try {
            return future(new Key(name, platform)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resolving " + name);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof IOException io) throw io;
            if (t instanceof RuntimeException r) throw r;
            throw new IOException(t);
        }
    }

    private CompletableFuture<BaseImage> future(Key k) {
        return started.computeIfAbsent(k, key -> {
            CompletableFuture<BaseImage> f = new CompletableFuture<>();
            Thread.ofVirtual().name("kiln-resolve-base").start(() -> {
                try {
                    f.complete(source.resolve(key.name(), key.platform()));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            return f;
        });
    }
}
