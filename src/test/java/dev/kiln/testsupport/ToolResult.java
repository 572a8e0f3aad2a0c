package dev.kiln.testsupport;

import java.util.List;

/** What an external tool did: its command line, exit code and captured output. */
public record ToolResult(List<String> command, int exitCode, String stdout, String stderr) {
    public ToolResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result if the tool exited 0, else an AssertionError with the command, exit code and output. */
    public ToolResult requireOk() {
        if (!ok()) throw new AssertionError(describe());
        return this;
    }

    public String describe() {
        return String.join(" ", command) + " exited " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
