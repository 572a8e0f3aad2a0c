package dev.kiln.step;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Layer;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.ShellWords;
import dev.kiln.rootfs.LayerFactory;
import dev.kiln.rootfs.StageRootfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every layer a stage adds goes to the output as soon as it is final (issue 12: pushed while later steps run), also a
 * COPY written into the rootfs as it goes because a RUN follows (it was only pushed after the build).
 */
class OfferedLayersTest {
    @TempDir Path work;
    @TempDir Path ctx;

    @Test
    void copyLayersAreOfferedWhetherOrNotARunFollows() throws IOException {
        for (boolean runFollows : new boolean[] {false, true}) {
            Files.writeString(ctx.resolve("a.txt"), "a\n");
            Files.createDirectories(ctx.resolve("dir"));
            Files.writeString(ctx.resolve("dir/b.txt"), "b\n");
            String dockerfile = "FROM scratch\nCOPY a.txt /a/\nWORKDIR /w\nCOPY dir /d/\n";
            Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
            List<Instruction> ins = DockerfileParser.parse(dockerfile, "Dockerfile").stages().getFirst().instructions();
            Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.parse("linux/amd64")).withConfig(ContainerConfig.EMPTY), List.of());
            Path rootfsDir = work.resolve("rootfs-" + runFollows);
            StageState s = new StageState(base, ls -> new dev.kiln.fs.TreeIndex(),
                    ls -> StageRootfs.materialize(rootfsDir, ls, List.of(), e -> { }));
            s.setRootfsAhead(runFollows);
            List<Digest> offered = new ArrayList<>();
            s.sendFinalLayers(new FinalLayers() {
                @Override public void offer(Layer layer) { offered.add(layer.descriptor().digest()); }
                @Override public void check() { }
                @Override public void ready() { }
            });
            BuildArgs args = new BuildArgs(Map.of(), Map.of());
            HistoryClock clock = new HistoryClock(Instant.EPOCH);
            LayerFactory layers = new LayerFactory(work.resolve("w-" + runFollows), true, Instant.EPOCH, LayerCompression.DEFAULT);
            Steps steps = new Steps(ShellWords.forEscape('\\'), args);
            WorkdirStep workdir = new WorkdirStep(clock, layers);
            CopyStep copy = new CopyStep(clock, layers, ContextSources.open(ctx, ctx.resolve("Dockerfile")), StageSources.NONE);
            for (Instruction in : ins) {
                switch (steps.resolve(in, s)) {
                    case Step.Workdir w -> workdir.run(s, w);
                    case Step.Copy c -> copy.run(s, c);
                    default -> fail("not in this test: " + in);
                }
            }
            assertEquals(3, s.image().layers().size());
            assertEquals(runFollows, s.rootfsLoaded(), "the rootfs is written as the layers are only when a RUN follows");
            if (runFollows) assertTrue(Files.isRegularFile(rootfsDir.resolve("d/b.txt")));
            assertEquals(s.image().layers().stream().map(l -> l.descriptor().digest()).toList(), offered,
                    "each layer offered once, in order (RUN follows: " + runFollows + ")");
        }
    }
}
