package dev.kiln.cache;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.GlobalArgs;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.SourceTree;
import dev.kiln.step.StageState;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cache keys a build would compute for the last stage of a Dockerfile started from {@code base} (one per
 * instruction; null for config-only instructions, which are never looked up). For tests and diagnostics.
 */
public final class CacheKeyPlan {
    private CacheKeyPlan() {}

    public static List<Digest> of(Dockerfile df, Map<String, String> buildArgs, SourceTree context, Image base,
                                  Platform platform, WordExpander words) {
        Map<String, String> globals = GlobalArgs.resolve(df.metaArgs(), buildArgs, platform, words);
        BuildArgs args = new BuildArgs(buildArgs, globals);
        HistoryClock clock = new HistoryClock(Instant.EPOCH);
        CacheKeys keys = new CacheKeys(new SourceDigests(context), name -> null);
        Stage st = df.stages().getLast();
        StageState s = new StageState(base, ls -> null, ls -> null);
        return new KeyPlanner(keys, words, clock, args, EventSink.NONE).plan(st, s, CacheKeys.base(base));
    }
}
