package dev.kiln.step;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.ShellWords;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each instruction resolves, once, into the step the build executes: words expanded, WORKDIR applied, flags checked. */
class StepsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private final Map<String, String> cliArgs = new java.util.HashMap<>();

    private static StageState state() {
        Image base = new Image(ManifestFormat.OCI, ImageConfig.scratch(AMD64).withConfig(ContainerConfig.EMPTY), List.of());
        return new StageState(base, ls -> { throw new IOException("resolving never reads the filesystem"); },
                ls -> { throw new IOException("resolving never needs a rootfs"); });
    }

    /** Resolves every instruction of the stage, applying config-only steps and WORKDIR as the build does. */
    private List<Step> resolveAll(String dockerfile) {
        List<Instruction> ins = DockerfileParser.parse(dockerfile, "Dockerfile").stages().getFirst().instructions();
        BuildArgs args = new BuildArgs(cliArgs, Map.of("G", "global"));
        Steps steps = new Steps(ShellWords.forEscape('\\'), args);
        MetadataSteps metadata = new MetadataSteps(ShellWords.forEscape('\\'), new HistoryClock(Instant.EPOCH), args);
        StageState s = state();
        List<Step> out = new ArrayList<>();
        for (Instruction in : ins) {
            Step step = steps.resolve(in, s);
            assertSame(in, step.source());
            if (step instanceof Step.Config c) metadata.apply(s, c);
            if (step instanceof Step.Workdir w) s.setContainer(s.container().withWorkingDir(w.path()));
            out.add(step);
        }
        return out;
    }

    private Step last(String dockerfile) {
        return resolveAll(dockerfile).getLast();
    }

    @Test
    void workdirIsResolvedAgainstTheCurrentDirectoryWithItsUser() {
        List<Step> steps = resolveAll("""
                FROM scratch
                ENV APP=/app
                USER 1000
                WORKDIR $APP
                WORKDIR src/../lib
                WORKDIR /
                """);
        assertEquals(new Step.Workdir(steps.get(2).source(), "/app", "1000"), steps.get(2));
        assertEquals("/app/lib", ((Step.Workdir) steps.get(3)).path(), "relative to the previous WORKDIR, cleaned");
        assertEquals("/", ((Step.Workdir) steps.get(4)).path());
    }

    @Test
    void copyExpandsSourcesDestinationAndFlagsButKeepsWhatTheCacheHashesAsWritten() {
        Step.Copy c = (Step.Copy) last("""
                FROM scratch
                ARG V=1
                WORKDIR /w
                COPY --from=stage-$V --chown=$V:$V --chmod=0640 --exclude=*.$V --link a-$V b dir-$V/
                """);
        assertFalse(c.add());
        assertEquals("COPY", c.keyword());
        assertEquals("stage-$V", c.from(), "as written: the built stages resolve it with the global ARGs");
        assertEquals("stage-1", c.fromStage());
        assertEquals(List.of("a-1", "b"), c.sources());
        assertEquals("dir-1/", c.dest());
        assertEquals("/w", c.workdir());
        assertEquals("1:1", c.chown());
        assertEquals("0640", c.chmod());
        assertNotNull(c.chmodSpec());
        assertEquals(List.of("*.1"), c.excludes());
        assertEquals(List.of("*.$V"), c.writtenExcludes());
        assertTrue(c.link());
        assertEquals("1", c.scope().get("V"), "heredocs expand with the scope of the line");
    }

    @Test
    void addResolvesChecksumUnpackAndGitFlags() {
        Step.Copy a = (Step.Copy) last("""
                FROM scratch
                ARG SUM=sha256:0123
                ADD --checksum=$SUM --unpack=false --keep-git-dir=true https://example.invalid/a.tar /x/
                """);
        assertTrue(a.add());
        assertEquals("ADD", a.keyword());
        assertEquals("sha256:0123", a.checksum());
        assertEquals("$SUM", a.writtenChecksum());
        assertEquals(Boolean.FALSE, a.unpack());
        assertTrue(a.keepGitDir());
        assertEquals("/", a.workdir());
    }

    @Test
    void runTakesShellMountsEnvironmentUserAndDirectoryOfItsLine() {
        cliArgs.put("V", "cli");
        List<Step> steps = resolveAll("""
                FROM scratch
                ARG V
                ENV E=$V
                RUN --mount=type=cache,target=/c/$V echo $E
                SHELL ["/bin/bash", "-eu", "-c"]
                USER app
                WORKDIR /src
                RUN ["/bin/true", "$E"]
                RUN echo two
                """);
        Step.Run first = (Step.Run) steps.get(2);
        assertEquals(List.of("/bin/sh", "-c", "echo $E"), first.argv(first.source().command()), "the shell expands $E at run time");
        assertEquals(List.of(RunMount.Type.CACHE), first.mounts().stream().map(RunMount::type).toList());
        assertEquals("/c/cli", first.mounts().getFirst().target());
        assertEquals("cli", first.env().get("E"));
        assertEquals("cli", first.buildArgs().get("V"));
        assertEquals("/", first.workdir());
        assertNull(first.user());
        Step.Run exec = (Step.Run) steps.get(6);
        assertEquals(List.of("/bin/true", "$E"), exec.argv(exec.source().command()), "exec form: as written");
        assertEquals("app", exec.user());
        assertEquals("/src", exec.workdir());
        Step.Run shell = (Step.Run) steps.get(7);
        assertEquals(List.of("/bin/bash", "-eu", "-c", "echo two"), shell.argv(shell.source().command()));
    }

    @Test
    void configStepsCarryExpandedValuesAndTheirHistoryText() {
        cliArgs.put("HTTP_PROXY", "http://user:secret@proxy:3128");
        List<Step> steps = resolveAll("""
                FROM scratch
                ARG A=1 B=$A G HTTP_PROXY
                ENV X=$A Y=$X
                LABEL l=$B
                USER $A:$B
                EXPOSE 80 8000-8001/udp
                VOLUME /data/$A
                STOPSIGNAL SIGTERM
                CMD echo $A
                ENTRYPOINT ["/e"]
                ONBUILD RUN echo $A
                MAINTAINER me
                """);
        assertEquals(List.of(new Step.ArgValue("A", "1"), new Step.ArgValue("B", "1"), new Step.ArgValue("G", "global"),
                new Step.ArgValue("HTTP_PROXY", "http://user:secret@proxy:3128")), ((Step.Arg) steps.get(0)).values());
        assertEquals("ARG A=1 B=1 G=global HTTP_PROXY", ((Step.Config) steps.get(0)).history(), "proxy values stay out");
        assertEquals(List.of(new KeyValue("X", "1"), new KeyValue("Y", "")), ((Step.Env) steps.get(1)).vars(),
                "ENV expands with the variables from before the line");
        assertEquals("LABEL l=1", ((Step.Config) steps.get(2)).history());
        assertEquals("USER 1:1", ((Step.Config) steps.get(3)).history());
        assertEquals(List.of("80/tcp", "8000/udp", "8001/udp"), ((Step.Expose) steps.get(4)).ports());
        assertEquals(List.of("/data/1"), ((Step.Volume) steps.get(5)).paths());
        assertEquals("SIGTERM", ((Step.StopSignal) steps.get(6)).signal());
        assertEquals(List.of("/bin/sh", "-c", "echo $A"), ((Step.Cmd) steps.get(7)).argv(), "CMD is never expanded");
        assertEquals(List.of("/e"), ((Step.Entrypoint) steps.get(8)).argv());
        assertEquals("RUN echo $A", ((Step.Onbuild) steps.get(9)).expression());
        assertNull(((Step.Config) steps.get(9)).history(), "ONBUILD writes no history");
        assertEquals("MAINTAINER me", ((Step.Config) steps.get(10)).history());
    }

    @Test
    void resolvingNeverChangesTheState() {
        StageState s = state();
        Steps steps = new Steps(ShellWords.forEscape('\\'), new BuildArgs(Map.of(), Map.of()));
        for (Instruction in : DockerfileParser.parse("""
                FROM scratch
                ARG A=1
                ENV B=2
                WORKDIR /w
                USER u
                CMD x
                """, "Dockerfile").stages().getFirst().instructions()) {
            steps.resolve(in, s);
        }
        assertTrue(s.scope().isEmpty(), s.scope().toString());
        assertTrue(s.declaredArgs().isEmpty());
        assertTrue(s.config().history().isEmpty());
        assertNull(s.container().workingDir());
        assertNull(s.container().user());
    }

    @Test
    void invalidInstructionsAreErrorsNamingTheirLine() {
        assertError("Dockerfile:2: failed to process \"${D:?missing}\": D: missing", "FROM scratch\nWORKDIR ${D:?missing}\n");
        assertError("Dockerfile:3: USER requires a user name or id", "FROM scratch\nARG U\nUSER $U\n");
        assertError("Dockerfile:2: VOLUME specified can not be an empty string", "FROM scratch\nVOLUME $NOTHING\n");
        assertError("Dockerfile:2: invalid signal: SIGNOPE", "FROM scratch\nSTOPSIGNAL SIGNOPE\n");
        BuildException e = assertThrows(BuildException.class, () -> last("FROM scratch\nCOPY --chmod=u+q a b\n"));
        assertTrue(e.getMessage().startsWith("Dockerfile:2: "), e.getMessage());
        e = assertThrows(BuildException.class, () -> last("FROM scratch\nARG T=nope\nRUN --mount=type=$T,target=/x echo\n"));
        assertTrue(e.getMessage().startsWith("Dockerfile:3: "), e.getMessage());
    }

    private void assertError(String message, String dockerfile) {
        BuildException e = assertThrows(BuildException.class, () -> resolveAll(dockerfile));
        assertEquals(message, e.getMessage());
    }
}
