package dev.kiln.dockerfile.instructions;

/** {@code STOPSIGNAL sig}. */
public record StopSignal(SourceLocation location, String signal) implements Instruction {
    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }
}
