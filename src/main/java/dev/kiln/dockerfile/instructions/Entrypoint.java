package dev.kiln.dockerfile.instructions;

/** {@code ENTRYPOINT}. */
public record Entrypoint(SourceLocation location, CommandLine command) implements Instruction {}
