package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Workdir;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed forms of every instruction. */
class DockerfileParserTest {

    /** The single instruction after {@code FROM scratch}. */
    static Instruction one(String line) {
        Dockerfile df = DockerfileParser.parse("FROM scratch\n" + line + "\n", "Dockerfile");
        return df.stages().getFirst().instructions().getFirst();
    }

    @Test
    void stagesMetaArgsAndDirectives() {
        Dockerfile df = DockerfileParser.parse("""
                # syntax=docker/dockerfile:1
                # check=skip=all
                ARG BASE=busybox
                ARG TAG
                FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS Build
                RUN true
                FROM build
                """, "ctx/Dockerfile");
        assertEquals(Map.of("syntax", "docker/dockerfile:1", "check", "skip=all"), df.directives());
        assertEquals('\\', df.escapeToken());
        assertEquals(List.of(new ArgDef("BASE", "busybox")), df.metaArgs().get(0).args());
        assertEquals(List.of(new ArgDef("TAG", null)), df.metaArgs().get(1).args());
        assertEquals(2, df.stages().size());
        From from = df.stages().get(0).from();
        assertEquals(new From(new SourceLocation("ctx/Dockerfile", 5, 5,
                "FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS Build"), "${BASE}:${TAG}", "build", "$BUILDPLATFORM"), from);
        assertEquals("build", df.stages().get(0).name());
        assertEquals(1, df.stages().get(0).instructions().size());
        assertEquals(1, df.stages().get(1).index());
        assertNull(df.stages().get(1).name());
        assertTrue(df.stages().get(1).instructions().isEmpty());
    }

    @Test
    void runShellAndExecFormWithFlags() {
        Run run = (Run) one("RUN --mount=type=cache,target=/c --mount=type=secret,id=x --network=none echo $HOME");
        assertEquals(new CommandLine(List.of("echo $HOME"), true), run.command());
        assertEquals(List.of("type=cache,target=/c", "type=secret,id=x"), run.mounts());
        assertEquals("none", run.network());
        assertNull(run.security());
        Run exec = (Run) one("RUN [\"/bin/sh\", \"-c\", \"echo hi\"]");
        assertEquals(new CommandLine(List.of("/bin/sh", "-c", "echo hi"), false), exec.command());
        assertTrue(exec.mounts().isEmpty());
    }

    @Test
    void runHeredoc() {
        Dockerfile df = DockerfileParser.parse("FROM scratch\nRUN <<-EOF bash\n\techo $A\n\tEOF\nUSER me\n", "Dockerfile");
        Run run = (Run) df.stages().getFirst().instructions().getFirst();
        assertEquals(new CommandLine(List.of("<<-EOF bash"), true), run.command());
        assertEquals(List.of(new Heredoc("EOF", "\techo $A\n", true, true)), run.heredocs());
        assertEquals("echo $A\n", run.heredocs().getFirst().body());
        assertEquals(new SourceLocation("Dockerfile", 2, 4, "RUN <<-EOF bash"), run.location());
        assertEquals(5, df.stages().getFirst().instructions().get(1).location().startLine());
    }

    @Test
    void cmdEntrypointShell() {
        assertEquals(new CommandLine(List.of("a", "b"), false), ((Cmd) one("CMD [\"a\",\"b\"]")).command());
        assertEquals(new CommandLine(List.of("echo 'x y'"), true), ((Cmd) one("CMD echo 'x y'")).command());
        assertEquals(new CommandLine(List.of(), false), ((Cmd) one("CMD []")).command());
        assertEquals(new CommandLine(List.of("[\"a\" b"), true), ((Entrypoint) one("ENTRYPOINT [\"a\" b")).command());
        assertEquals(List.of("/bin/bash", "-c"), ((Shell) one("SHELL [\"/bin/bash\", \"-c\"]")).shell());
    }

    @Test
    void copyAndAdd() {
        Copy c = (Copy) one("COPY --from=build --chown=1:2 --chmod=755 --link --parents --exclude=*.md --exclude=x a \"b c\" /dst/");
        assertEquals(List.of("a", "\"b", "c\""), c.paths().sources());
        assertEquals("/dst/", c.paths().dest());
        assertEquals("build", c.from());
        assertEquals("1:2", c.chown());
        assertEquals("755", c.chmod());
        assertTrue(c.link());
        assertTrue(c.parents());
        assertEquals(List.of("*.md", "x"), c.excludes());
        Copy json = (Copy) one("COPY [\"a b\", \"/d\"]");
        assertEquals(List.of("a b"), json.paths().sources());
        assertNull(json.from());
        assertFalse(json.link());
        Add a = (Add) one("ADD --checksum=sha256:" + "ab".repeat(32) + " --keep-git-dir --unpack=false --parents https://x/y.tar /d");
        assertEquals("sha256:" + "ab".repeat(32), a.checksum());
        assertTrue(a.parents());
        assertFalse(((Add) one("ADD a b")).parents());
        assertTrue(a.keepGitDir());
        assertEquals(Boolean.FALSE, a.unpack());
        assertNull(((Add) one("ADD a b")).unpack());
    }

    @Test
    void copyHeredocSources() {
        Dockerfile df = DockerfileParser.parse("FROM scratch\nCOPY <<A <<'B' f /d\nhello $X\nA\n\tB1\nB\n", "Dockerfile");
        Copy c = (Copy) df.stages().getFirst().instructions().getFirst();
        assertEquals(List.of("f"), c.paths().sources());
        assertEquals(List.of(new Heredoc("A", "hello $X\n", true, false), new Heredoc("B", "\tB1\n", false, false)),
                c.paths().heredocs());
        assertEquals("/d", c.paths().dest());
    }

    @Test
    void envLabelArg() {
        assertEquals(List.of(new KeyValue("a", "1"), new KeyValue("b", "\"x y\"")), ((Env) one("ENV a=1 b=\"x y\"")).vars());
        assertEquals(List.of(new KeyValue("PATH", "/a b c")), ((Env) one("ENV PATH /a b c")).vars());
        assertEquals(List.of(new KeyValue("org.x", "v")), ((Label) one("LABEL org.x=v")).labels());
        assertEquals(List.of(new ArgDef("a", "\"1 2\""), new ArgDef("b", null), new ArgDef("c", "")),
                ((Arg) one("ARG a=\"1 2\" b c=")).args());
    }

    @Test
    void simpleOnes() {
        assertEquals(List.of("443/tcp", "80"), ((Expose) one("EXPOSE 80 443/tcp")).ports());
        assertEquals(List.of("/a", "/b"), ((Volume) one("VOLUME /a /b")).paths());
        assertEquals(List.of("/a b"), ((Volume) one("VOLUME [\"/a b\"]")).paths());
        assertEquals("/app dir", ((Workdir) one("WORKDIR /app dir")).path());
        assertEquals("me:grp", ((User) one("USER me:grp")).user());
        assertEquals("SIGKILL", ((StopSignal) one("STOPSIGNAL SIGKILL")).signal());
        assertEquals("Me <me@x>", ((Maintainer) one("MAINTAINER Me <me@x>")).maintainer());
        assertEquals("RUN echo hi", ((Onbuild) one("onbuild RUN echo hi")).expression());
        assertEquals("COPY <<EOF /x\nbody\nEOF", ((Onbuild) DockerfileParser.parse(
                "FROM scratch\nONBUILD COPY <<EOF /x\nbody\nEOF\n", null).stages().getFirst().instructions().getFirst()).expression());
    }

    @Test
    void backtickEscape() {
        Dockerfile df = DockerfileParser.parse("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  && echo ok\n", "Dockerfile");
        assertEquals('`', df.escapeToken());
        Run run = (Run) df.stages().getFirst().instructions().getFirst();
        assertEquals(List.of("dir c:\\   && echo ok"), run.command().args());
        assertEquals(3, run.location().startLine());
        assertEquals(4, run.location().endLine());
    }
}
