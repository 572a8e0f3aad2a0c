package dev.kiln.step;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.ShellWords;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The config-only instructions change the image config and history, never the filesystem, each as BuildKit does. */
class MetadataStepsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");

    private static StageState apply(String dockerfile, Map<String, String> cliArgs) {
        List<Instruction> ins = DockerfileParser.parse(dockerfile, "Dockerfile").stages().getFirst().instructions();
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(AMD64).withConfig(ContainerConfig.EMPTY), List.of());
        StageState s = new StageState(base, ls -> { throw new IOException("no filesystem in this test"); },
                ls -> { throw new IOException("no rootfs in this test"); });
        MetadataSteps steps = new MetadataSteps(ShellWords.forEscape('\\'), new HistoryClock(Instant.EPOCH), new BuildArgs(cliArgs, Map.of()));
        for (Instruction in : ins) assertTrue(steps.apply(s, in), "config-only: " + in.keyword());
        return s;
    }

    @Test
    void envArgAndLabelExpandWithTheScopeBeforeTheLine() {
        StageState s = apply("""
                FROM scratch
                ARG V=default
                ENV A=one B=$V
                ENV A=two C=$A
                LABEL version=$V
                """, Map.of("V", "cli"));
        ContainerConfig c = s.container();
        assertEquals("two", c.envMap().get("A"));
        assertEquals("cli", c.envMap().get("B"), "a --build-arg overrides the ARG default");
        assertEquals("one", c.envMap().get("C"), "ENV expands with the values from before the line");
        assertEquals("cli", c.labels().get("version"));
        assertEquals(List.of("ARG V=cli", "ENV A=one B=cli", "ENV A=two C=one", "LABEL version=cli"),
                s.config().history().stream().map(h -> h.createdBy().replaceFirst("^/bin/sh -c #\\(nop\\) ", "").strip()).toList());
    }

    @Test
    void configInstructionsSetTheirFields() {
        StageState s = apply("""
                FROM scratch
                USER app:app
                EXPOSE 80 53/udp
                VOLUME /data
                STOPSIGNAL SIGTERM
                ENTRYPOINT ["/bin/app"]
                CMD ["--serve"]
                """, Map.of());
        ContainerConfig c = s.container();
        assertEquals("app:app", c.user());
        assertTrue(c.exposedPorts().containsKey("80/tcp") && c.exposedPorts().containsKey("53/udp"), c.exposedPorts().toString());
        assertTrue(c.volumes().containsKey("/data"));
        assertEquals("SIGTERM", c.stopSignal());
        assertEquals(List.of("/bin/app"), c.entrypoint());
        assertEquals(List.of("--serve"), c.cmd());
        assertTrue(s.cmdSet());
        assertTrue(s.image().layers().isEmpty(), "no instruction here makes a layer");
    }

    @Test
    void filesystemInstructionsAreNotMetadata() {
        List<Instruction> ins = DockerfileParser.parse("""
                FROM scratch
                WORKDIR /w
                COPY a /a
                ADD b /b
                RUN true
                """, "Dockerfile").stages().getFirst().instructions();
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(AMD64).withConfig(ContainerConfig.EMPTY), List.of());
        StageState s = new StageState(base, ls -> null, ls -> null);
        MetadataSteps steps = new MetadataSteps(ShellWords.forEscape('\\'), new HistoryClock(Instant.EPOCH), new BuildArgs(Map.of(), Map.of()));
        for (Instruction in : ins) assertFalse(steps.apply(s, in), in.keyword());
        assertTrue(s.config().history().isEmpty());
    }
}
