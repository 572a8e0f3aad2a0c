package dev.kiln.pipeline;

import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARG/ENV semantics of a real build: platform ARGs, proxy ARGs, ENV over ARG, unconsumed --build-arg warning. */
class BuildVariablesTest {
    @TempDir
    Path dir;

    private static Map<String, String> env(Image img) {
        return img.config().config().envMap();
    }

    private static List<String> history(Image img) {
        return img.config().history().stream().map(History::createdBy).toList();
    }

    @Test
    void platformArgsAreGlobalAndNeedRedeclarationInStage() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ARG TARGETARCH
                ARG TARGETPLATFORM
                ARG BUILDOS
                ENV ARCH=$TARGETARCH PLATFORM=$TARGETPLATFORM OS=$BUILDOS VARIANT=x${TARGETVARIANT}y UNDECLARED=x${TARGETOS}y
                """, Map.of());
        Map<String, String> e = env(img);
        assertEquals("arm64", e.get("ARCH"));
        assertEquals("linux/arm64", e.get("PLATFORM"));
        assertEquals("linux", e.get("OS"));
        assertEquals("xy", e.get("VARIANT"));
        assertEquals("xy", e.get("UNDECLARED")); // TARGETOS not re-declared in the stage
        assertTrue(history(img).contains("ARG TARGETARCH=arm64"), history(img).toString());
    }

    @Test
    void platformArgsInFrom() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch AS linux-arm64
                ENV STAGE=picked
                FROM --platform=$BUILDPLATFORM scratch AS other
                ENV STAGE=wrong
                FROM ${TARGETOS}-${TARGETARCH}
                ENV FINAL=1
                """, Map.of());
        assertEquals("picked", env(img).get("STAGE"));
        assertEquals("1", env(img).get("FINAL"));

        Image host = new BuildFixture(dir).build("ARG TARGETARCH=ignored\nFROM --platform=$BUILDPLATFORM scratch\nENV A=$TARGETARCH\n", Map.of());
        assertEquals(Platform.host().architecture(), host.config().architecture());
        assertEquals("", env(host).get("A"));
    }

    @Test
    void metaArgRedeclarationKeepsAutomaticValueAndBuildArgWins() throws IOException {
        Image img = new BuildFixture(dir).build("""
                ARG TARGETARCH
                ARG V=default
                FROM scratch
                ARG TARGETARCH
                ARG V
                ENV A=$TARGETARCH V=$V
                """, Map.of("V", "cli"));
        assertEquals("arm64", env(img).get("A"));
        assertEquals("cli", env(img).get("V"));
    }

    @Test
    void envOverridesArg() throws IOException {
        Image img = new BuildFixture(dir).build("""
                FROM scratch
                ENV V=env
                ARG V=arg
                ENV FROM_V=$V
                ARG X=argx
                ENV X=envx
                ENV FROM_X=$X
                ARG PATH=/nope
                ENV FROM_PATH=$PATH
                """, Map.of("V", "cli"));
        Map<String, String> e = env(img);
        assertEquals("env", e.get("FROM_V"));
        assertEquals("envx", e.get("FROM_X"));
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", e.get("FROM_PATH"));
    }

    @Test
    void proxyArgsArePredefinedAndKeptOutOfHistory() throws IOException {
        BuildFixture f = new BuildFixture(dir);
        Image img = f.build("""
                FROM scratch
                LABEL noproxy=$no_proxy
                ARG HTTP_PROXY
                ARG OTHER=o
                """, Map.of("HTTP_PROXY", "http://user:secret@proxy:3128", "no_proxy", "localhost", "FOO", "1", "BAR", "2"));
        assertEquals("localhost", img.config().config().labels().get("noproxy"));
        assertNull(env(img).get("HTTP_PROXY"));
        List<String> h = history(img);
        assertTrue(h.contains("ARG HTTP_PROXY"), h.toString());
        assertFalse(String.join("\n", h).contains("secret"), h.toString());
        assertEquals(List.of("[Warning] One or more build-args [BAR FOO] were not consumed"), f.warnings());
    }

    @Test
    void argsOfBuiltStagesAndGlobalsAreConsumed() throws IOException {
        BuildFixture f = new BuildFixture(dir);
        f.build("ARG G\nFROM scratch AS a\nARG A\nFROM scratch AS b\nARG B\n", Map.of("G", "1", "A", "2"), "a");
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        BuildFixture g = new BuildFixture(dir);
        g.build("ARG G\nFROM scratch AS a\nARG A\nFROM scratch AS b\nARG B\n", Map.of("B", "3"), "a");
        assertEquals(List.of("[Warning] One or more build-args [B] were not consumed"), g.warnings());
    }
}
