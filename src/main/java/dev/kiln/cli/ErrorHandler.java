package dev.kiln.cli;

import dev.kiln.plan.RunFailedException;
import picocli.CommandLine;

/**
 * Build failures print one clear line ("error: Dockerfile:7: ...") and exit 1 — or, when a RUN failed, with
 * that command's exit code, as Kaniko does. No stack trace unless {@code -v debug} (or trace).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exit code of every failure that is not a failing RUN (Kaniko: 1, also for usage errors). */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("error: " + msg);
        if (debugging(parsed)) ex.printStackTrace(cl.getErr());
        cl.getErr().flush();
        return exitCode(ex);
    }

    /** {@code -v debug} or {@code -v trace} on the command that failed (or {@code -Dkiln.debug=true}). */
    static boolean debugging(CommandLine.ParseResult parsed) {
        if (Boolean.getBoolean("kiln.debug")) return true;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine.Model.OptionSpec v = p.matchedOption("--verbosity");
            if (v != null) {
                String level = String.valueOf((Object) v.getValue());
                return level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace");
            }
        }
        return false;
    }

    /** A failing RUN's exit code (1..255) anywhere in the cause chain, else {@link #FAILURE}. */
    static int exitCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RunFailedException r) {
                int code = r.exitCode();
                return code > 0 && code <= 255 ? code : FAILURE;
            }
        }
        return FAILURE;
    }
}
