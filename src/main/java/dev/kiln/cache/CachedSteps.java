package dev.kiln.cache;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.SourceTree;
import dev.kiln.step.StageState;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Digest;

import java.nio.file.Path;
import java.util.Map;

/**
 * The layer cache's hook into one build: for each stage a {@link StageCache} (planned keys, concurrent
 * look-ups, replay of hits, background writes of misses), and the last key of every finished stage so that
 * {@code FROM <stage>} and {@code COPY --from=<stage>} keep chaining.
 */
public final class CachedSteps {
    private final CacheStore store;
    private final boolean enabled;
    private final CacheKeys keys;
    private final KeyPlanner planner;
    private final HistoryClock clock;
    private final Path workDir;
    private final Map<String, Digest> stageKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean pinnedStagesOnly;
    private final SourceDigests sources;

    CachedSteps(CacheStore store, boolean enabled, boolean pinnedStagesOnly, WordExpander words, SourceTree context,
                HistoryClock clock, BuildArgs args, Path workDir) {
        this.store = store;
        this.enabled = enabled;
        this.pinnedStagesOnly = pinnedStagesOnly;
        this.sources = new SourceDigests(context);
        this.keys = new CacheKeys(sources, this::stageKey);
        this.planner = new KeyPlanner(keys, words, clock, args, store.events());
        this.clock = clock;
        this.workDir = workDir;
    }

    private Digest stageKey(String nameOrIndex) {
        return stageKeys.get(nameOrIndex.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Starts hashing what the COPY/ADD steps of {@code stages} read from the context on a helper thread, while the
     * build checks its push permission and resolves its bases, so that the stages' cache keys find it done. Only
     * sources written without variables, quotes or escapes (their expansion is the text itself) and not URLs.
     */
    public void prepare(java.util.List<Stage> stages) {
        if (!enabled) return;
        java.util.List<java.util.List<String>> todo = new java.util.ArrayList<>();
        for (Stage st : stages) {
            for (dev.kiln.dockerfile.instructions.Instruction in : st.instructions()) {
                dev.kiln.dockerfile.instructions.SourcesAndDest p = switch (in) {
                    case dev.kiln.dockerfile.instructions.Copy c when c.from() == null -> c.paths();
                    case dev.kiln.dockerfile.instructions.Add a -> a.paths();
                    default -> null;
                };
                if (p != null && p.heredocs().isEmpty() && p.sources().stream().allMatch(CachedSteps::literal)) {
                    todo.add(p.sources());
                }
            }
        }
        if (todo.isEmpty()) return;
        Thread.ofPlatform().daemon().name("kiln-hash-context").start(() -> todo.forEach(sources::prepare));
    }

    private static boolean literal(String source) {
        return !source.isEmpty() && source.chars().noneMatch(ch -> ch == '$' || ch == '\\' || ch == '"' || ch == '\'')
                && !source.contains("://") && !source.startsWith("git@");
    }

    /** Starts caching a stage: its first key, the planned keys of all its instructions, their look-ups. */
    public StageCache begin(Dockerfile df, Stage st, StageState s, String baseName) {
        if (!enabled) return StageCache.NONE;
        Stage parent = BuildPlan.stageNamed(df, baseName, st.index());
        if (pinnedStagesOnly && st.from().platform() == null && (parent == null || stageKey(String.valueOf(parent.index())) == null)) {
            return StageCache.NONE;
        }
        Digest first = parent != null ? CacheKeys.fromStage(stageKeys.get(String.valueOf(parent.index())))
                : CacheKeys.base(s.image());
        return new StageCache(store, keys, clock, workDir, first, planner.plan(st, s, first), last -> {
            stageKeys.put(String.valueOf(st.index()), last);
            if (st.name() != null) stageKeys.put(st.name().toLowerCase(java.util.Locale.ROOT), last);
        });
    }
}
