package dev.kiln.plan;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class BuildPlanTest {
    private static final Dockerfile DF = DockerfileParser.parse("""
            FROM busybox AS a
            FROM busybox AS b
            RUN --mount=type=bind,from=a,target=/a true
            FROM busybox AS unused
            FROM b AS c
            COPY --from=0 /x /x
            FROM busybox AS d
            COPY --from=c /y /y
            COPY --from=alpine:3 /z /z
            """, "Dockerfile");

    private static BuildPlan plan(List<String> targets) {
        return BuildPlan.of(DF, targets, st -> st.from().image(), UnaryOperator.identity());
    }

    private static List<Integer> indexes(BuildPlan p) {
        return p.stages().stream().map(Stage::index).toList();
    }

    @Test
    void followsFromCopyFromAndMountFrom() {
        BuildPlan p = plan(List.of());
        assertEquals(List.of(0, 1, 3, 4), indexes(p));
        assertEquals(4, p.target().index());
        assertEquals(Map.of(0, Set.of(1, 3), 1, Set.of(3), 3, Set.of(4)), p.dependents());
    }

    @Test
    void severalTargetsLastIsTheOutput() {
        BuildPlan p = plan(List.of("unused", "b"));
        assertEquals(List.of(0, 1, 2), indexes(p));
        assertEquals("b", p.target().name());
    }

    @Test
    void unknownTargetAndForwardIndexAreErrors() {
        assertThrows(BuildException.class, () -> plan(List.of("nope")));
        Dockerfile fwd = DockerfileParser.parse("FROM busybox AS x\nCOPY --from=1 /a /a\nFROM busybox\n", "Dockerfile");
        assertThrows(BuildException.class, () -> BuildPlan.of(fwd, List.of("x"), st -> st.from().image(), UnaryOperator.identity()));
    }
}
