package dev.kiln.cli;

import picocli.CommandLine.Command;

/** {@code kiln version}. */
@Command(name = "version", description = "Print kiln's version.")
public final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(Version.line());
    }
}
