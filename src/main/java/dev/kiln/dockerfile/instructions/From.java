package dev.kiln.dockerfile.instructions;

/** {@code FROM [--platform=P] image [AS name]}; image and platform unexpanded; stageName lower-cased or null. */
public record From(SourceLocation location, String image, String stageName, String platform) implements Instruction {}
