package dev.kiln.cache;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.SourceTree;

import dev.kiln.cache.CacheOptions;
import dev.kiln.cache.CacheWriter;
import dev.kiln.cache.LayerCache;
import dev.kiln.event.EventSink;

import java.nio.file.Path;

/**
 * The layer cache of one build ({@code --cache}): where entries live, how they are used, and the writer that
 * stores new entries in the background. {@link #close()} waits for those writes (never failing the build).
 */
public final class BuildCache implements AutoCloseable {
    private final LayerCache cache;
    private final CacheOptions options;
    private final EventSink events;
    private final CacheWriter writer;
    private final boolean pinnedStagesOnly;

    public BuildCache(LayerCache cache, CacheOptions options, EventSink events) {
        this(cache, options, events, false);
    }

    private BuildCache(LayerCache cache, CacheOptions options, EventSink events, boolean pinnedStagesOnly) {
        this.cache = cache;
        this.options = options;
        this.events = events;
        this.writer = cache == null || !options.push() ? null : new CacheWriter(cache, events);
        this.pinnedStagesOnly = pinnedStagesOnly;
    }

    /**
     * A cache used only by stages whose {@code FROM} names a platform ({@code FROM --platform=$BUILDPLATFORM}), and by
     * stages built FROM them: the steps that can be the same for every platform of a multi-platform build. The
     * other stages start from a base of their own platform, so their keys never repeat across platforms.
     */
    public static BuildCache forPlatformPinnedStages(LayerCache cache, CacheOptions options, EventSink events) {
        return new BuildCache(cache, options, events, true);
    }

    /** No layer cache (the default without {@code --cache}). */
    public static BuildCache none() {
        return new BuildCache(null, new CacheOptions(CacheOptions.DEFAULT_TTL, false, false, false), null);
    }

    boolean enabled() {
        return cache != null && (options.runLayers() || options.copyLayers());
    }

    /** What each stage's cache uses of this one. */
    CacheStore store() {
        return new CacheStore(cache, options, events, writer);
    }

    public CachedSteps forBuild(WordExpander words, SourceTree context, HistoryClock clock, BuildArgs args, Path workDir) {
        return new CachedSteps(store(), enabled(), pinnedStagesOnly, words, context, clock, args, workDir);
    }

    LayerCache cache() { return cache; }

    CacheOptions options() { return options; }

    EventSink events() { return events; }

    CacheWriter writer() { return writer; }

    /** Waits for background cache writes. */
    @Override
    public void close() {
        if (writer != null) writer.close();
    }
}
