package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * A RUN/CMD/ENTRYPOINT command: exec form ({@code ["a","b"]}, prependShell false) or shell form
 * (one string, prependShell true — run with the stage's SHELL).
 */
public record CommandLine(List<String> args, boolean prependShell) {
    public CommandLine {
        args = List.copyOf(args);
    }
}
