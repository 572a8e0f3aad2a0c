package dev.kiln.pipeline;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.ShellWords;
import dev.kiln.step.HistoryClock;
import dev.kiln.step.MetadataSteps;
import dev.kiln.step.StageState;
import dev.kiln.step.Step;
import dev.kiln.step.Steps;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dry run prints the resolved steps: what the build executes, not the text as written. */
class PlanRendererTest {
    private static List<String> render(String dockerfile) {
        List<Instruction> ins = DockerfileParser.parse(dockerfile, "Dockerfile").stages().getFirst().instructions();
        BuildArgs args = new BuildArgs(Map.of("HTTP_PROXY", "http://u:secret@p:1"), Map.of());
        Steps steps = new Steps(ShellWords.forEscape('\\'), args);
        MetadataSteps metadata = new MetadataSteps(ShellWords.forEscape('\\'), new HistoryClock(Instant.EPOCH), args);
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.parse("linux/amd64")).withConfig(ContainerConfig.EMPTY), List.of());
        StageState s = new StageState(base, ls -> null, ls -> null);
        List<String> out = new ArrayList<>();
        for (Instruction in : ins) {
            Step step = steps.resolve(in, s);
            out.add(PlanRenderer.render(step));
            if (step instanceof Step.Config c) metadata.apply(s, c);
            if (step instanceof Step.Workdir w) s.setContainer(s.container().withWorkingDir(w.path()));
        }
        return out;
    }

    @Test
    void rendersEachStepResolved() {
        assertEquals(List.of(
                "ARG V=1 HTTP_PROXY",
                "ENV D=/srv/1",
                "WORKDIR /srv/1",
                "WORKDIR /srv/1/sub",
                "COPY --from=build-1 --chown=1:1 --chmod=0644 --link --exclude=*.1 a-1 ./",
                "ADD --keep-git-dir --checksum=sha256:1 --unpack=false https://example.invalid/1.tar /x/",
                "RUN --mount=type=cache,target=/cache/1,rw --network=none echo $V",
                "RUN [\"/bin/echo\", \"$V\"]",
                "USER 1",
                "EXPOSE 80/tcp 90/udp 91/udp",
                "VOLUME /v/1",
                "LABEL l=1",
                "CMD echo $V"), render("""
                FROM scratch
                ARG V=1 HTTP_PROXY
                ENV D=/srv/$V
                WORKDIR $D
                WORKDIR sub
                COPY --from=build-$V --chown=$V:$V --chmod=0644 --link --exclude=*.$V a-$V ./
                ADD --keep-git-dir=true --checksum=sha256:$V --unpack=false https://example.invalid/$V.tar /x/
                RUN --mount=type=cache,target=/cache/$V --network=none echo $V
                RUN ["/bin/echo", "$V"]
                USER $V
                EXPOSE 80 90-91/udp
                VOLUME /v/$V
                LABEL l=$V
                CMD echo $V
                """));
    }

    @Test
    void heredocsAreSummarised() {
        assertEquals(List.of("COPY <<EOF /f [heredoc EOF: 2 lines]"), render("FROM scratch\nCOPY <<EOF /f\na\nb\nEOF\n"));
    }
}
