package dev.kiln.dockerfile.instructions;

/** {@code WORKDIR path}. */
public record Workdir(SourceLocation location, String path) implements Instruction {}
