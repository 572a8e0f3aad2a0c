package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code LABEL k=v …}; values unexpanded. */
public record Label(SourceLocation location, List<KeyValue> labels) implements Instruction {
    public Label {
        labels = List.copyOf(labels);
    }
}
