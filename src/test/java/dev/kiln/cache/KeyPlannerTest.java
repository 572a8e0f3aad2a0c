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
import dev.kiln.step.StageState;
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

    private List<Digest> plan(String dockerfile) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("a.txt"), "a");
        Dockerfile df = DockerfileParser.parse(dockerfile, "Dockerfile");
        WordExpander words = ShellWords.forEscape('\\');
        CacheKeys keys = new CacheKeys(new SourceDigests(ContextSources.open(ctx, ctx.resolve("Dockerfile"))), n -> null);
        KeyPlanner planner = new KeyPlanner(keys, words, new HistoryClock(Instant.EPOCH), new BuildArgs(Map.of(), Map.of()), events::add);
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
    void aKeyThatCannotBePlannedIsAWarningNamingTheLine() throws Exception {
        List<Digest> keys = plan("""
                FROM scratch
                WORKDIR ${DIR:?DIR is required}
                RUN true
                """);
        assertNull(keys.get(0));
        assertNull(keys.get(1), "the chain stops after a key that cannot be planned");
        assertEquals(1, events.size(), events.toString());
        Event e = events.getFirst();
        assertEquals(Event.Level.WARN, e.level());
        assertTrue(e.message().startsWith("Dockerfile:2: cannot plan the cache key of WORKDIR"), e.message());
    }
}
