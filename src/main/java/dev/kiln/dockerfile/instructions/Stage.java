package dev.kiln.dockerfile.instructions;

import java.util.List;

/** One build stage: its FROM and the instructions after it, up to the next FROM. */
public record Stage(int index, From from, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The stage's name ({@code AS name}) or null. */
    public String name() {
        return from.stageName();
    }
}
