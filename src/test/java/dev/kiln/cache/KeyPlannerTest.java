package dev.kiln.cache;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.ShellWords;
import dev.kiln.plan.WordExpander;
import dev.kiln.step.ContextSources;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;
import dev.kiln.step.Steps;
import dev.kiln.plan.BuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The planner computes every filesystem key of a stage up front; one it cannot compute is said, not swallowed. */
class KeyPlannerTest {
    @TempDir Path ctx;
    private final List<Event> events = new ArrayList<>();
    private java.util.function.Function<String, Digest> stageKeys = n -> null;

    private static Image base() {
        return new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.parse("linux/amd64")).withConfig(ContainerConfig.EMPTY), List.of());
    }

    private List<Digest> plan(String dockerfile) throws Exception {
        return plan(dockerfile, Map.of());
    }

    private List<Digest> plan(String dockerfile, Map<String, String> buildArgs) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("a.txt"), "a");
        Dockerfile df = DockerfileParser.parse(dockerfile, "Dockerfile");
        WordExpander words = ShellWords.forEscape('\\');
        CacheKeys keys = new CacheKeys(new SourceDigests(ContextSources.open(ctx, ctx.resolve("Dockerfile"))), stageKeys);
        KeyPlanner planner = new KeyPlanner(keys, words, new HistoryClock(Instant.EPOCH), new BuildArgs(buildArgs, Map.of()), events::add);
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.parse("linux/amd64")).withConfig(ContainerConfig.EMPTY), List.of());
        return planner.plan(df.stages().getLast(), new StageState(base, ls -> null, ls -> null), CacheKeys.base(base));
    }

    @Test
    void everyFilesystemInstructionGetsAKeyConfigOnesNone() throws Exception {
        List<Digest> keys = plan("""
                FROM scratch
                ENV A=1
                COPY a.txt /a
                WORKDIR /w
                RUN true
                """);
        assertNull(keys.get(0), "ENV is never looked up");
        assertNotNull(keys.get(1));
        assertNotNull(keys.get(2));
        assertNotNull(keys.get(3));
        assertEquals(4, keys.stream().distinct().count(), "keys chain: each differs");
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void anInvalidInstructionFailsPlanningNamingTheLine() throws Exception {
        // was a warning ("cannot plan the cache key of WORKDIR") and the build failed later at the same line; now the
        // planner resolves steps with the build's resolver and fails before anything runs, as BuildKit does
        BuildException e = assertThrows(BuildException.class, () -> plan("""
                FROM scratch
                RUN true
                WORKDIR ${DIR:?DIR is required}
                """));
        assertEquals("Dockerfile:3: failed to process \"${DIR:?DIR is required}\": DIR: DIR is required", e.getMessage());
        assertTrue(events.isEmpty(), events.toString());
        e = assertThrows(BuildException.class, () -> plan("FROM scratch\nCOPY a.txt /a\nUSER ${NOBODY}\n"));
        assertEquals("Dockerfile:3: USER requires a user name or id", e.getMessage());
    }

    @Test
    void aKeyThatCannotBeComputedIsAWarningNamingTheLine() throws Exception {
        stageKeys = n -> { throw new java.io.UncheckedIOException(new java.io.IOException("stage keys unavailable")); };
        List<Digest> keys = plan("""
                FROM scratch
                RUN true
                COPY --from=other a.txt /a
                RUN true
                """);
        assertNotNull(keys.get(0));
        assertNull(keys.get(1));
        assertNull(keys.get(2), "the chain stops after a key that cannot be planned");
        assertEquals(1, events.size(), events.toString());
        Event e = events.getFirst();
        assertEquals(Event.Level.WARN, e.level());
        assertTrue(e.message().startsWith("Dockerfile:3: cannot plan the cache key of COPY (java.io.IOException: stage keys unavailable)"), e.message());
    }

    @Test
    void stepsThatCannotBeCachedEndTheChainSilently() throws Exception {
        List<Digest> keys = plan("""
                FROM scratch
                COPY a.txt /a
                RUN <<EOT
                echo heredoc
                EOT
                RUN true
                """);
        assertNotNull(keys.get(0));
        assertNull(keys.get(1), "a RUN with a heredoc is not cacheable");
        assertNull(keys.get(2));
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void plannedKeysAreTheKeysOfTheResolvedSteps() throws Exception {
        List<Digest> planned = plan("""
                FROM scratch
                ARG V=1
                WORKDIR /w/$V
                RUN echo $V
                """);
        // the same steps resolved and hashed one by one, as the build loop does
        Dockerfile df = DockerfileParser.parse("FROM scratch\nARG V=1\nWORKDIR /w/$V\nRUN echo $V\n", "Dockerfile");
        WordExpander words = ShellWords.forEscape('\\');
        BuildArgs args = new BuildArgs(Map.of(), Map.of());
        Steps steps = new Steps(words, args);
        MetadataSteps metadata = new MetadataSteps(words, new HistoryClock(Instant.EPOCH), args);
        CacheKeys keys = new CacheKeys(new SourceDigests(ContextSources.open(ctx, ctx.resolve("Dockerfile"))), n -> null);
        StageState s = new StageState(base(), ls -> null, ls -> null);
        Digest prev = CacheKeys.base(base());
        List<Digest> byHand = new ArrayList<>();
        for (var in : df.stages().getLast().instructions()) {
            Step step = steps.resolve(in, s);
            if (step instanceof Step.Config c) {
                metadata.apply(s, c);
                prev = CacheKeys.afterMeta(prev, s, c);
                byHand.add(null);
            } else {
                prev = keys.before(prev, step);
                byHand.add(prev);
                if (step instanceof Step.Workdir w) s.setContainer(s.container().withWorkingDir(w.path()));
            }
        }
        assertEquals(byHand, planned);
        assertEquals(3, planned.size(), "one entry per instruction");
    }

    @Test
    void aBuildArgInCopyExcludeOrAddChecksumIsPartOfTheKey() throws Exception {
        String copy = "FROM scratch\nARG X\nCOPY --exclude=$X a.txt /a\n";
        assertNotEquals(plan(copy, Map.of("X", "*.log")).getLast(), plan(copy, Map.of("X", "*.tmp")).getLast());
        assertEquals(plan(copy, Map.of("X", "*.log")).getLast(), plan(copy, Map.of("X", "*.log")).getLast());
        String add = "FROM scratch\nARG SUM\nADD --checksum=$SUM a.txt /a\n";
        String a = "sha256:" + "a".repeat(64), b = "sha256:" + "b".repeat(64);
        assertNotEquals(plan(add, Map.of("SUM", a)).getLast(), plan(add, Map.of("SUM", b)).getLast());
    }
}
