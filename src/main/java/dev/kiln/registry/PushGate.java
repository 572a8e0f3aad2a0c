package dev.kiln.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The push-permission check of a build, run on a virtual thread while the build starts (issue 12): blob pushes wait
 * for it ({@link #await()}), so nothing is pushed unless it passed; the build polls {@link #failIfFailed()} to stop
 * early when it failed.
 */
public final class PushGate {
    /** No check (--no-push, --skip-push-permission-check, or pushes that are not a build's output). */
    public static final PushGate OPEN = new PushGate(CompletableFuture.completedFuture(null));

    /** A check that may fail with an {@link IOException} naming the destination and the registry's answer. */
    @FunctionalInterface
    public interface Check {
        void run() throws IOException;
    }

    private final CompletableFuture<Void> result;

    private PushGate(CompletableFuture<Void> result) {
        this.result = result;
    }

    /** Starts {@code check} now on a virtual thread. */
    public static PushGate start(Check check) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread.ofVirtual().name("kiln-push-permission").start(() -> {
            try {
                check.run();
                f.complete(null);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return new PushGate(f);
    }

    /** Blocks until the check is done; throws its failure. */
    public void await() throws IOException {
        try {
            result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking push permissions");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Throws the check's failure if it already failed; never blocks. */
    public void failIfFailed() throws IOException {
        if (result.isDone()) await();
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) return io;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error err) throw err;
        return new IOException(t);
    }
}
