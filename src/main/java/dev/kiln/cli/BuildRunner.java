package dev.kiln.cli;

import picocli.CommandLine;

/** Composition root of a build: turns the parsed flags into parts and runs them (wired after the parts land). */
final class BuildRunner {
    private final BuildCommand flags;
    private final CommandLine cl;

    BuildRunner(BuildCommand flags, CommandLine cl) {
        this.flags = flags;
        this.cl = cl;
    }

    int run() {
        throw new UnsupportedOperationException("not wired yet");
    }
}
