package dev.kiln.pipeline;

import dev.kiln.cache.BuildCache;
import dev.kiln.plan.BaseImageResolver;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.ShellWords;
import dev.kiln.step.ContextSources;
import dev.kiln.step.FinalLayers;


import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.fs.TreeDeleter;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** The real builder with stages built concurrently: the same image as a serial build, output layers handed on early. */
class ConcurrentStagesBuildTest {
    private static final String DOCKERFILE = """
            FROM scratch AS one
            COPY a.txt /one/
            COPY dir /one/dir/
            FROM scratch AS two
            COPY b.txt /two/
            FROM scratch AS base
            COPY a.txt /base/
            FROM base
            COPY --from=one /one /from-one/
            COPY --from=two /two /from-two/
            ENV X=1
            COPY b.txt /last/
            """;

    @TempDir Path tmp;

    private Image build(Path dir, BuildPipeline pipeline, List<Event> events) throws IOException {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.writeString(context.resolve("a.txt"), "a\n");
        Files.writeString(context.resolve("b.txt"), "b\n");
        Files.createDirectories(context.resolve("dir/sub"));
        Files.writeString(context.resolve("dir/sub/c.txt"), "c\n");
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        Dockerfile df = DockerfileParser.parse(DOCKERFILE, "Dockerfile");
        Path work = Files.createDirectories(dir);
        Builder.Options opts = new Builder.Options(Map.of(), Map.of(), BuildFixture.TARGET, null, true, work, null);
        BaseImageResolver noRegistry = (ref, p) -> {
            throw new IOException("no registry in this test: " + ref);
        };
        return new Builder(opts, ShellWords.forEscape(df.escapeToken()), ContextSources.open(context, context.resolve("Dockerfile")),
                noRegistry, events::add, BuildCache.none(), pipeline).build(df);
    }

    @Test
    void concurrentStagesGiveTheSerialImageAndOfferExactlyItsLayers() throws IOException {
        Image serial = build(tmp.resolve("w1"), BuildPipeline.serial(), new CopyOnWriteArrayList<>());
        List<Layer> offered = new CopyOnWriteArrayList<>();
        FinalLayers collect = new FinalLayers() {
            @Override public void offer(Layer layer) { offered.add(layer); }
            @Override public void check() { }
            @Override public void ready() { }
        };
        List<Event> events = new CopyOnWriteArrayList<>();
        Image concurrent;
        try (TreeDeleter deleter = TreeDeleter.background()) {
            concurrent = build(tmp.resolve("w2"), new BuildPipeline(deleter, collect, 4), events);
        }
        assertEquals(serial.manifestBlob().descriptor().digest(), concurrent.manifestBlob().descriptor().digest(),
                "--reproducible: the same image whatever the schedule");
        List<Digest> expected = concurrent.layers().stream().map(l -> l.descriptor().digest()).toList();
        assertEquals(expected, offered.stream().map(l -> l.descriptor().digest()).distinct().toList(),
                "the output image's layers (base stage's, then the target's), in order; no builder stage's");
        assertTrue(events.stream().anyMatch(e -> e.message().startsWith("[one 1/2]")), events.toString());
    }

    @Test
    void aFailingOutputStopsTheBuildBeforeItsNextStage() {
        FinalLayers refused = new FinalLayers() {
            @Override public void offer(Layer layer) throws IOException { throw new IOException("push to r/x failed; no manifest was pushed: boom"); }
            @Override public void check() { }
            @Override public void ready() { }
        };
        BuildException e = assertThrows(BuildException.class,
                () -> build(tmp.resolve("w3"), new BuildPipeline(TreeDeleter.inline(), refused, 2), new CopyOnWriteArrayList<>()));
        assertTrue(e.getMessage().contains("no manifest was pushed: boom"), e.getMessage());
    }

    @Test
    void aRefusedPermissionFailsBeforeAnyStageStarts() {
        List<Event> events = new CopyOnWriteArrayList<>();
        FinalLayers refused = new FinalLayers() {
            @Override public void offer(Layer layer) { }
            @Override public void check() { }
            @Override public void ready() throws IOException { throw new IOException("no push permission for r/x"); }
        };
        IOException e = assertThrows(IOException.class,
                () -> build(tmp.resolve("w4"), new BuildPipeline(TreeDeleter.inline(), refused, 2), events));
        assertEquals("no push permission for r/x", e.getMessage());
        assertTrue(events.stream().noneMatch(ev -> ev.topic().equals("step")), events.toString());
    }
}
