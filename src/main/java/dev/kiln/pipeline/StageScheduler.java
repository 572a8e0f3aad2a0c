package dev.kiln.pipeline;

import dev.kiln.plan.BuildException;

import dev.kiln.dockerfile.instructions.Stage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs the planned stages in dependency order (issue 12): a stage starts once every stage it needs (FROM, COPY
 * --from, RUN --mount from=) is built, and at most {@code parallel} stages build at once. With one at a time the
 * stages run on the caller's thread in plan order, exactly as a serial build. When a stage fails, stages not
 * started yet never start, those running finish, and the failure of the lowest failing stage is thrown (so the
 * error does not depend on timing). The image a stage produces depends only on the stages it needs, so the output
 * is the same whatever the order.
 */
final class StageScheduler {
    /** Builds one stage (its dependencies are built). */
    @FunctionalInterface
    interface Work {
        void build(Stage st) throws IOException;
    }

    private final List<Stage> stages;
    private final Map<Integer, Set<Integer>> dependents;
    private final int parallel;
    private final Semaphore permits;
    private final Map<Integer, CompletableFuture<Void>> built = new HashMap<>();
    private final ThreadLocal<Boolean> holdsPermit = ThreadLocal.withInitial(() -> false);
    private volatile boolean failed;

    StageScheduler(List<Stage> stages, Map<Integer, Set<Integer>> dependents, int parallel) {
        this.stages = List.copyOf(stages);
        this.dependents = dependents;
        this.parallel = parallel;
        this.permits = new Semaphore(parallel, true);
        for (Stage st : stages) built.put(st.index(), new CompletableFuture<>());
    }

    /** Whether stages may build at the same time (more than one planned and more than one allowed). */
    boolean concurrent() {
        return parallel > 1 && stages.size() > 1;
    }

    void run(Work work) throws IOException {
        if (!concurrent()) {
            for (Stage st : stages) {
                work.build(st);
                built.get(st.index()).complete(null);
            }
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Stage st : stages) {
            threads.add(Thread.ofPlatform().name("kiln-stage-" + st.index()).start(() -> runOne(st, work)));
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while building stages");
        }
        for (Stage st : stages) {
            CompletableFuture<Void> f = built.get(st.index());
            if (f.isCompletedExceptionally() && !(cause(f) instanceof Skipped)) throw rethrow(cause(f));
        }
    }

    private void runOne(Stage st, Work work) {
        CompletableFuture<Void> done = built.get(st.index());
        try {
            for (int dep : dependencies(st.index())) {
                CompletableFuture<Void> d = built.get(dep);
                if (d != null) d.join();
            }
            permits.acquire();
            holdsPermit.set(true);
            try {
                if (failed) throw new Skipped();
                work.build(st);
            } finally {
                holdsPermit.set(false);
                permits.release();
            }
            done.complete(null);
        } catch (Throwable t) {
            Throwable c = t instanceof java.util.concurrent.CompletionException ? new Skipped() : t;
            if (!(c instanceof Skipped)) failed = true;
            done.completeExceptionally(c);
        }
    }

    /**
     * Blocks until stage {@code index} is built, for a reference the plan could not see (an inherited ONBUILD
     * {@code COPY --from}); the caller's permit is given back meanwhile, so waiting never starves the pool.
     * Returns at once for unplanned stages and in serial builds (where every earlier stage is built already).
     */
    void awaitBuilt(int index) throws IOException {
        CompletableFuture<Void> f = built.get(index);
        if (f == null || f.isDone() || !concurrent()) return;
        boolean held = holdsPermit.get();
        if (held) permits.release();
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for stage " + index);
        } catch (ExecutionException e) {
            throw new BuildException("stage " + index + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (held) permits.acquireUninterruptibly();
        }
    }

    private List<Integer> dependencies(int index) {
        List<Integer> deps = new ArrayList<>();
        dependents.forEach((dep, users) -> {
            if (users.contains(index)) deps.add(dep);
        });
        return deps;
    }

    private static Throwable cause(CompletableFuture<Void> f) {
        try {
            f.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) return io;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        return new IOException(t);
    }

    /** A stage not built because another failed first (or a stage it needs failed). */
    private static final class Skipped extends RuntimeException {
        Skipped() {
            super("skipped: an earlier stage failed", null, false, false);
        }
    }
}
