package dev.kiln.dockerfile.instructions;

/** {@code ONBUILD <instruction>}: the trigger text, stored in the image config's OnBuild. */
public record Onbuild(SourceLocation location, String expression) implements Instruction {}
