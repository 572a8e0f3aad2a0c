package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * {@code HEALTHCHECK [opts] CMD …} or {@code HEALTHCHECK NONE}. {@code test} is Docker's form:
 * {@code ["NONE"]}, {@code ["CMD", args…]} or {@code ["CMD-SHELL", cmd]}. Durations in nanoseconds, 0 = unset.
 */
public record Healthcheck(SourceLocation location, List<String> test, long intervalNanos, long timeoutNanos,
                          long startPeriodNanos, long startIntervalNanos, int retries) implements Instruction {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
