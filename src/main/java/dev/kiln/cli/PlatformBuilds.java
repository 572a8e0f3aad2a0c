package dev.kiln.cli;

import dev.kiln.cache.BuildCache;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageIndex;
import dev.kiln.image.Platform;
import dev.kiln.output.Outputs;
import dev.kiln.pipeline.BuildPipeline;
import dev.kiln.pipeline.Builder;
import dev.kiln.plan.RegistryBaseImages;
import dev.kiln.plan.WordExpander;
import dev.kiln.registry.PushSession;
import dev.kiln.registry.RegistryImages;
import dev.kiln.rootfs.CachedLayer;
import dev.kiln.request.BuildRequest;
import dev.kiln.step.FinalLayers;
import dev.kiln.step.RunOptions;
import dev.kiln.step.SourceTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A multi-platform build ({@code --custom-platform a,b}): the Dockerfile built once per platform, each with its own
 * work dir and layer cache view (entries are images of that platform) but one push session, so a layer every
 * platform shares is uploaded once and every layer is offered as soon as it is final, and one context. Platforms
 * build at once as {@link PlatformJobs} allows ({@code --jobs}); when a stage is pinned by {@code FROM --platform},
 * the first platform builds alone first, so the steps every platform shares are built once and looked up by the
 * others: without {@code --cache}, such stages share a layer cache private to the build
 * ({@link CacheSetup#sharedSteps}). When a platform fails, platforms not started never start, those running
 * finish, and the failure of the first failing platform (in {@code --custom-platform} order) is thrown. The
 * outputs get one {@link ImageIndex}, in platform order: nothing is tagged before every platform's image is complete.
 */
final class PlatformBuilds {
    private final BuildRequest req;
    private final RegistryImages registry;
    private final EventSink events;
    private final WordExpander words;
    private final SourceTree sources;
    private final RunOptions run;
    private final Map<String, String> annotations;

    PlatformBuilds(BuildRequest req, RegistryImages registry, EventSink events, WordExpander words, SourceTree sources,
                   RunOptions run, Map<String, String> annotations) {
        this.req = req;
        this.registry = registry;
        this.events = events;
        this.words = words;
        this.sources = sources;
        this.run = run;
        this.annotations = annotations;
    }

    /** Builds every platform and writes the index to the outputs; returns the index digest. */
    Digest build(Dockerfile df, PushSession session, FinalLayers early, TreeDeleter deleter, Path work) throws IOException {
        List<Platform> platforms = req.platforms();
        PlatformJobs jobs = PlatformJobs.of(req.jobs(), platforms.size(), run.inPlace() != null);
        Map<Digest, CachedLayer> downloads = new ConcurrentHashMap<>();
        Image[] images = new Image[platforms.size()];
        int first = 0;
        if (!jobs.concurrent() || pinsPlatforms(df)) {
            int alone = jobs.concurrent() ? 1 : platforms.size();
            int stages = jobs.concurrent() ? req.jobs() : jobs.stagesEach();
            for (; first < alone; first++) {
                images[first] = buildOne(df, first, stages, 1, session, early, deleter, work, downloads);
            }
        }
        if (first < platforms.size()) concurrently(df, first, jobs, images, early, deleter, work, downloads, session);
        List<ImageIndex.PlatformImage> index = new ArrayList<>();
        for (int i = 0; i < images.length; i++) index.add(new ImageIndex.PlatformImage(platforms.get(i), images[i]));
        return new Outputs(registry, events).write(new ImageIndex(index), req.outputs(), session);
    }

    private void concurrently(Dockerfile df, int from, PlatformJobs jobs, Image[] images, FinalLayers early,
                              TreeDeleter deleter, Path work, Map<Digest, CachedLayer> downloads, PushSession session) throws IOException {
        Throwable[] failures = new Throwable[images.length];
        AtomicBoolean failed = new AtomicBoolean();
        int running = Math.min(jobs.atOnce(), images.length - from);
        int stages = Math.max(1, req.jobs() / running);
        try (ExecutorService pool = Executors.newFixedThreadPool(running, Thread.ofPlatform().name("kiln-platform-", 0).factory())) {
            for (int i = from; i < images.length; i++) {
                int p = i;
                pool.execute(() -> {
                    if (failed.get()) return; // another platform failed: this one never starts
                    try {
                        images[p] = buildOne(df, p, stages, running, session, early, deleter, work, downloads);
                    } catch (Throwable t) {
                        failures[p] = t;
                        failed.set(true);
                    }
                });
            }
        } // close() waits for every started platform
        for (Throwable t : failures) {
            if (t == null) continue;
            if (t instanceof IOException io) throw io;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            throw new IOException(t);
        }
    }

    private Image buildOne(Dockerfile df, int i, int stages, int atOnce, PushSession session, FinalLayers early,
                           TreeDeleter deleter, Path work, Map<Digest, CachedLayer> downloads) throws IOException {
        List<Platform> platforms = req.platforms();
        Platform p = platforms.get(i);
        events.emit(Event.info("platform", "building for " + p + " (" + (i + 1) + " of " + platforms.size()
                + (atOnce > 1 ? ", " + atOnce + " platforms at once" : "") + ")"));
        Path dir = Files.createDirectories(work.resolve("platform-" + i));
        EventSink labelled = PlatformEvents.labelled(events, p);
        CacheSetup caching = CacheSetup.of(req.cache(), req.run().singleSnapshot(), registry, p,
                new RegistryBaseImages(registry), labelled);
        if (!req.cache().wanted() && !req.run().singleSnapshot()) {
            caching = CacheSetup.sharedSteps(work.resolve("shared-steps"), p, caching.bases(), labelled);
        }
        BuildPipeline pipeline = new BuildPipeline(deleter, early, stages);
        // this platform's cache writes are done when its image is (a platform built later looks them up)
        try (BuildCache cache = caching.cache()) {
            return new Builder(BuildRunner.builderOptions(req, p, dir, run), words, sources, caching.bases(),
                    labelled, cache, pipeline).sharingDownloads(downloads).build(df).withAnnotations(annotations);
        }
    }

    /** Whether a stage is pinned to a platform ({@code FROM --platform=...}): its steps may be the same for every platform. */
    private static boolean pinsPlatforms(Dockerfile df) {
        return df.stages().stream().anyMatch(st -> st.from().platform() != null);
    }
}
