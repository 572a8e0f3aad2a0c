package dev.kiln.dockerfile.instructions;

/** {@code MAINTAINER name} (deprecated; sets the config author). */
public record Maintainer(SourceLocation location, String maintainer) implements Instruction {}
