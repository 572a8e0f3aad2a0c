package dev.kiln.cli;

import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kiln build --dryrun}: the plan on stdout, exit 0, no registry, no destination needed. */
class DryRunTest {
    @TempDir
    Path dir;

    @Test
    void printsStagesBasesAndExpandedInstructions() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                ARG BASE=registry.invalid/team/base:1
                FROM --platform=$BUILDPLATFORM ${BASE} AS build
                ARG TARGETARCH
                ARG VERSION=1.0
                ENV APP=/app
                WORKDIR $APP/src
                COPY --chown=${VERSION} a ./out-$TARGETARCH/
                RUN --mount=type=cache,target=$APP/cache,id=go-$TARGETARCH go build -o /out/$VERSION
                FROM scratch AS unused
                COPY x y
                FROM build
                ARG HTTP_PROXY
                LABEL v=$VERSION
                CMD ["run", "$VERSION"]
                """);
        ToolResult r = Kiln.run("build", "--dryrun", "-c", dir.toString(), "--custom-platform", "linux/arm64",
                "--build-arg", "VERSION=2.5", "--build-arg", "UNUSED=1", "--build-arg", "HTTP_PROXY=http://u:secret@p:1");
        assertEquals(0, r.exitCode(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("target: stage 2, platform linux/arm64", lines.get(1), r.stdout());
        assertEquals("global args: BASE=registry.invalid/team/base:1", lines.get(2));
        assertTrue(lines.get(3).startsWith("stage 0 \"build\": FROM --platform=linux/") && lines.get(3)
                .endsWith(" registry.invalid/team/base:1 (registry image, not pulled: its ENV is not shown)"), lines.get(3));
        assertTrue(lines.contains("  Dockerfile:4  ARG VERSION=2.5"), r.stdout());
        assertTrue(lines.contains("  Dockerfile:6  WORKDIR /app/src"), r.stdout());
        assertTrue(lines.contains("  Dockerfile:7  COPY --chown=2.5 a ./out-arm64/"), r.stdout());
        assertTrue(lines.contains("  Dockerfile:8  RUN --mount=type=cache,target=/app/cache,id=go-arm64,rw go build -o /out/$VERSION"),
                r.stdout());
        assertTrue(lines.contains("stage 1 \"unused\": skipped (not needed for the target)"), r.stdout());
        assertTrue(lines.contains("stage 2: FROM build (stage 0 \"build\")"), r.stdout());
        assertTrue(lines.contains("  Dockerfile:12  ARG HTTP_PROXY"), r.stdout());
        assertTrue(lines.contains("  Dockerfile:13  LABEL v="), r.stdout()); // VERSION is not declared in stage 2
        assertTrue(lines.contains("  Dockerfile:14  CMD [\"run\", \"$VERSION\"]"), r.stdout());
        assertFalse(r.stdout().contains("secret") || r.stderr().contains("secret"), r.describe());
        assertTrue(r.stderr().contains("[Warning] One or more build-args [UNUSED] were not consumed"), r.stderr());
    }

    @Test
    void reportsDockerfileErrorsWithLine() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY --chwon=1 a b\n");
        ToolResult r = Kiln.run("build", "--dryrun", "-c", dir.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Dockerfile:2: unknown flag --chwon for COPY (did you mean --chown?)"), r.stderr());
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nENV A=${MISSING:?is_required}\n");
        r = Kiln.run("build", "--dryrun", "-c", dir.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Dockerfile:2: failed to process \"${MISSING:?is_required}\": MISSING: is_required"), r.stderr());
    }
}
