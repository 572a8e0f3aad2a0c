package dev.kiln.dockerfile.instructions;

/** One ARG name with its optional default (null when none given; unexpanded). */
public record ArgDef(String name, String defaultValue) {}
