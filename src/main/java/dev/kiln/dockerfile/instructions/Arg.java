package dev.kiln.dockerfile.instructions;

import java.util.List;

/** {@code ARG name[=default] …}. */
public record Arg(SourceLocation location, List<ArgDef> args) implements Instruction {
    public Arg {
        args = List.copyOf(args);
    }
}
