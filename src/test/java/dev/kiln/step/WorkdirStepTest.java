package dev.kiln.step;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.TreeIndex;
import dev.kiln.fs.compress.LayerCompression;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.ShellWords;
import dev.kiln.rootfs.LayerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** WORKDIR and COPY steps executed on a stage (a scratch base, real layers in a temp dir). */
class WorkdirStepTest {
    @TempDir Path work;
    @TempDir Path ctx;
    private final TreeIndex tree = new TreeIndex();

    private StageState run(String dockerfile) throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        List<Instruction> ins = DockerfileParser.parse(dockerfile, "Dockerfile").stages().getFirst().instructions();
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.parse("linux/amd64")).withConfig(ContainerConfig.EMPTY), List.of());
        StageState s = new StageState(base, ls -> tree, ls -> { throw new IOException("no rootfs in this test"); });
        BuildArgs args = new BuildArgs(Map.of(), Map.of());
        HistoryClock clock = new HistoryClock(Instant.EPOCH);
        LayerFactory layers = new LayerFactory(work, true, Instant.EPOCH, LayerCompression.DEFAULT);
        Steps steps = new Steps(ShellWords.forEscape('\\'), args);
        MetadataSteps metadata = new MetadataSteps(ShellWords.forEscape('\\'), clock, args);
        WorkdirStep workdir = new WorkdirStep(clock, layers);
        CopyStep copy = new CopyStep(clock, layers, ContextSources.open(ctx, ctx.resolve("Dockerfile")), StageSources.NONE);
        for (Instruction in : ins) {
            switch (steps.resolve(in, s)) {
                case Step.Workdir w -> workdir.run(s, w);
                case Step.Copy c -> copy.run(s, c);
                case Step.Config c -> metadata.apply(s, c);
                case Step.Run r -> fail("no RUN here: " + r);
            }
        }
        return s;
    }

    private static List<String> history(StageState s) {
        return s.config().history().stream().map(h -> h.createdBy() + (Boolean.TRUE.equals(h.emptyLayer()) ? "" : " +layer")).toList();
    }

    @Test
    void workdirCreatesMissingDirectoriesOwnedByTheUserInOneLayer() throws IOException {
        StageState s = run("""
                FROM scratch
                USER 1000:2000
                WORKDIR /srv/app
                WORKDIR ../app
                WORKDIR /
                """);
        assertEquals("/", s.container().workingDir());
        assertEquals(1, s.image().layers().size(), "only the first WORKDIR created directories");
        FsNode app = tree.get("/srv/app").orElseThrow();
        assertTrue(app.isDir());
        assertEquals(1000, app.uid());
        assertEquals(2000, app.gid());
        assertEquals(List.of("USER 1000:2000", "WORKDIR /srv/app +layer", "WORKDIR /srv/app", "WORKDIR /"), history(s));
    }

    @Test
    void workdirOverAFileIsAnErrorNamingTheLine() throws IOException {
        Files.writeString(ctx.resolve("f"), "x");
        BuildException e = assertThrows(BuildException.class, () -> run("FROM scratch\nCOPY f /f\nWORKDIR /f\n"));
        assertEquals("Dockerfile:3: WORKDIR /f is not a directory", e.getMessage());
    }

    @Test
    void copyWritesExpandedSourcesRelativeToWorkdirWithOwnerAndMode() throws IOException {
        Files.writeString(ctx.resolve("a-1.txt"), "a");
        Files.createDirectories(ctx.resolve("dir/sub"));
        Files.writeString(ctx.resolve("dir/sub/b.md"), "b");
        Files.writeString(ctx.resolve("dir/c.txt"), "c");
        StageState s = run("""
                FROM scratch
                ARG V=1
                WORKDIR /w
                COPY --chown=$V:$V --chmod=0600 a-$V.txt out/
                COPY --exclude=**/*.md dir/ /d/
                """);
        FsNode a = tree.get("/w/out/a-1.txt").orElseThrow();
        assertEquals(1, a.uid());
        assertEquals(0600, a.mode() & 07777);
        assertTrue(tree.get("/d/c.txt").isPresent());
        assertTrue(tree.get("/d/sub/b.md").isEmpty(), "excluded");
        assertEquals(3, s.image().layers().size());
        assertEquals("COPY a-1.txt out/ # buildkit +layer", history(s).get(2));
    }
}
