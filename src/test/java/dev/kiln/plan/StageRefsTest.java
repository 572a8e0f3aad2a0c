package dev.kiln.plan;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** Which earlier stages a stage reads: FROM, COPY --from and RUN --mount from=, by name or index; images are not stages. */
class StageRefsTest {
    private static final Dockerfile DF = DockerfileParser.parse("""
            FROM busybox AS base
            FROM scratch AS assets
            COPY x /x
            FROM base AS app
            COPY --from=assets /x /x
            COPY --from=1 /x /y
            COPY --from=nginx:latest /etc/nginx /etc/nginx
            RUN --mount=type=bind,from=assets,target=/m true
            """, "Dockerfile");

    @Test
    void fromRefsListsCopyAndMountSources() {
        assertEquals(List.of("assets", "1", "nginx:latest", "assets"), StageRefs.fromRefs(DF.stages().get(2).instructions()));
    }

    @Test
    void dependenciesAreEarlierStagesOnly() {
        Set<Integer> deps = StageRefs.dependencies(DF, DF.stages().get(2), st -> st.from().image(), UnaryOperator.identity());
        assertEquals(Set.of(0, 1), deps);
        assertEquals(Set.of(), StageRefs.dependencies(DF, DF.stages().get(0), st -> st.from().image(), UnaryOperator.identity()));
    }

    @Test
    void namesAreCaseInsensitiveAndLaterStagesAreNotVisible() {
        assertEquals(0, StageRefs.stageNamed(DF, "BASE", 2).index());
        assertNull(StageRefs.stageNamed(DF, "app", 2), "a stage cannot name itself or a later one");
        assertNull(StageRefs.stageNamed(DF, "busybox", 3), "an image name is not a stage");
    }

    @Test
    void indexesMustPointBackwards() {
        assertEquals(1, StageRefs.stage(DF, "1", 2).index());
        BuildException e = assertThrows(BuildException.class, () -> StageRefs.stage(DF, "2", 2));
        assertTrue(e.getMessage().contains("not an earlier stage"), e.getMessage());
    }
}
