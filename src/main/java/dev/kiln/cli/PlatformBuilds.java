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

/**
 * A multi-platform build ({@code --custom-platform a,b}): the Dockerfile built once per platform, one after the
 * other, each with its own work dir and layer cache view (entries are images of that platform, written before the next
 * platform starts) but one push session,
 * so a layer every platform shares is uploaded once and every layer is offered as soon as it is final. Without
 * {@code --cache}, the {@code FROM --platform=...} stages share a layer cache private to the build
 * ({@link CacheSetup#sharedSteps}): their steps that are the same for every platform run once. The outputs
 * get one {@link ImageIndex}: nothing is tagged before every platform's image is complete.
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
        List<ImageIndex.PlatformImage> images = new ArrayList<>();
        List<Platform> platforms = req.platforms();
        var downloads = new java.util.concurrent.ConcurrentHashMap<Digest, dev.kiln.rootfs.CachedLayer>();
        for (int i = 0; i < platforms.size(); i++) {
            Platform p = platforms.get(i);
            events.emit(Event.info("platform", "building for " + p + " (" + (i + 1) + " of " + platforms.size() + ")"));
            Path dir = Files.createDirectories(work.resolve("platform-" + i));
            EventSink labelled = PlatformEvents.labelled(events, p);
            CacheSetup caching = CacheSetup.of(req.cache(), req.run().singleSnapshot(), registry, p,
                    new RegistryBaseImages(registry), labelled);
            if (!req.cache().wanted() && !req.run().singleSnapshot()) {
                caching = CacheSetup.sharedSteps(work.resolve("shared-steps"), p, caching.bases(), labelled);
            }
            BuildPipeline pipeline = new BuildPipeline(deleter, early, run.inPlace() != null ? 1 : BuildPipeline.cores());
            // this platform's cache writes finish before the next platform's start (they may share an oci: layout)
            try (BuildCache cache = caching.cache()) {
                Image image = new Builder(BuildRunner.builderOptions(req, p, dir, run), words, sources, caching.bases(),
                        labelled, cache, pipeline).sharingDownloads(downloads).build(df).withAnnotations(annotations);
                images.add(new ImageIndex.PlatformImage(p, image));
            }
        }
        return new Outputs(registry, events).write(new ImageIndex(images), req.outputs(), session);
    }
}
