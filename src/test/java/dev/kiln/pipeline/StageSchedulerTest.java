package dev.kiln.pipeline;

import dev.kiln.plan.BuildPlan;
import dev.kiln.plan.BuildException;


import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** Stages in dependency order, independent ones at the same time, failures deterministic. */
class StageSchedulerTest {
    private static final Dockerfile DF = DockerfileParser.parse("""
            FROM busybox AS a
            FROM busybox AS b
            FROM busybox
            COPY --from=a /a /a
            COPY --from=b /b /b
            """, "Dockerfile");
    private static final BuildPlan PLAN = BuildPlan.of(DF, List.of(), st -> st.from().image(), UnaryOperator.identity());

    private static StageScheduler scheduler(int parallel) {
        return new StageScheduler(PLAN.stages(), PLAN.dependents(), parallel);
    }

    @Test
    void independentStagesBuildTogetherAndTheirUserAfterBoth() throws IOException {
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<String> log = new CopyOnWriteArrayList<>();
        scheduler(2).run(st -> {
            if (st.index() < 2) {
                bothRunning.countDown();
                try {
                    // each waits for the other: only possible when they build at the same time
                    assertTrue(bothRunning.await(60, TimeUnit.SECONDS), "stages a and b should build at the same time");
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            log.add("done " + st.index());
        });
        assertEquals(3, log.size());
        assertEquals("done 2", log.getLast(), "the last stage needs a and b: " + log);
    }

    @Test
    void oneAtATimeRunsOnTheCallersThreadInPlanOrder() throws IOException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        StageScheduler s = scheduler(1);
        assertFalse(s.concurrent());
        s.run(st -> {
            assertSame(caller, Thread.currentThread());
            order.add(st.index());
        });
        assertEquals(List.of(0, 1, 2), order);
    }

    @Test
    void aFailedStageStopsItsUsersAndIsTheErrorReported() {
        List<Integer> built = new CopyOnWriteArrayList<>();
        IOException e = assertThrows(IOException.class, () -> scheduler(2).run(st -> {
            if (st.index() == 0) throw new IOException("stage a broke");
            built.add(st.index());
        }));
        assertEquals("stage a broke", e.getMessage());
        assertFalse(built.contains(2), "the stage needing a never starts: " + built);
    }

    @Test
    void theLowestFailingStageWinsWhateverTheTiming() {
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch bFailed = new CountDownLatch(1);
        BuildException e = assertThrows(BuildException.class, () -> scheduler(2).run(st -> {
            try {
                if (st.index() == 1) {
                    aStarted.await();
                    bFailed.countDown();
                    throw new BuildException("b broke"); // first in time
                }
                if (st.index() == 0) {
                    aStarted.countDown();
                    bFailed.await();
                    throw new BuildException("a broke");
                }
            } catch (InterruptedException x) {
                throw new IOException(x);
            }
        }));
        assertEquals("a broke", e.getMessage());
    }

    @Test
    void waitingForAStageTheGraphDidNotShowGivesThePermitBack() throws IOException {
        Dockerfile df = DockerfileParser.parse("FROM busybox AS a\nFROM busybox AS b\nFROM busybox AS c\n", "Dockerfile");
        BuildPlan plan = BuildPlan.of(df, List.of("c"), st -> st.from().image(), UnaryOperator.identity());
        BuildPlan all = new BuildPlan(plan.target(), df.stages(), plan.targets(), java.util.Map.of());
        StageScheduler s = new StageScheduler(all.stages(), all.dependents(), 2);
        List<Integer> built = new CopyOnWriteArrayList<>();
        s.run(st -> {
            if (st.index() > 0) s.awaitBuilt(0); // b and c hold both permits, then wait for a (an ONBUILD COPY --from)
            built.add(st.index());
        });
        assertEquals(0, built.getFirst());
        assertEquals(3, built.size());
    }
}
