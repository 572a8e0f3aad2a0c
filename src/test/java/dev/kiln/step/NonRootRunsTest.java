package dev.kiln.step;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.plan.BuildException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonRootRunsTest {
    private static final ProcessOwner NOBODY = new ProcessOwner(65534, 65534);

    private static Dockerfile df(String text) {
        return DockerfileParser.parse(text, "Dockerfile");
    }

    @Test
    void aRunWithoutUserNamespacesFailsNamingItsLineAndBothWaysOut() {
        Dockerfile d = df("FROM scratch AS a\nCOPY x /x\n\nFROM busybox\nRUN echo hi\n");
        BuildException e = assertThrows(BuildException.class, () -> NonRootRuns.check(d.stages(), NOBODY,
                () -> Optional.of("user namespaces are refused here (unshare: Operation not permitted)")));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertTrue(e.getMessage().contains("RUN needs root or a user namespace: kiln runs as uid 65534 (not root) and user"
                + " namespaces are refused here (unshare: Operation not permitted)"), e.getMessage());
        assertTrue(e.getMessage().contains("run kiln in a userns-enabled pod (spec.hostUsers: false), or run kiln as root"), e.getMessage());
    }

    @Test
    void withUserNamespacesARunIsAllowedAndProbedOnce() {
        // issue 17 part 2: RUN then runs as root of a user namespace (NonRootRunBuildTest)
        Dockerfile d = df("FROM busybox\nRUN echo hi\nRUN echo again\n");
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        NonRootRuns.check(d.stages(), NOBODY, () -> {
            probes.incrementAndGet();
            return Optional.empty();
        });
        assertEquals(1, probes.get());
    }

    @Test
    void copyOnlyBuildsAndRootAreNeverRefusedAndNothingIsProbed() {
        AtomicInteger probes = new AtomicInteger();
        NonRootRuns.check(df("FROM scratch\nCOPY a /a\nUSER 1000\n").stages(), NOBODY, () -> {
            probes.incrementAndGet();
            return Optional.of("refused");
        });
        NonRootRuns.check(df("FROM busybox\nRUN echo hi\n").stages(), ProcessOwner.ROOT, () -> {
            probes.incrementAndGet();
            return Optional.of("refused");
        });
        NonRootRuns.check(List.of(), NOBODY, Optional::empty);
        assertEquals(0, probes.get());
    }
}
