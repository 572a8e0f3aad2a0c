package dev.kiln.dockerfile.instructions;

/** {@code USER user[:group]}. */
public record User(SourceLocation location, String user) implements Instruction {}
