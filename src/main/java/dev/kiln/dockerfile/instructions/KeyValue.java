package dev.kiln.dockerfile.instructions;

/** A KEY=value pair (ENV, LABEL), value unexpanded. */
public record KeyValue(String key, String value) {}
