package dev.kiln.cli;

import picocli.CommandLine;

/** Build failures print one clear line ("error: Dockerfile:7: ...") and exit 1; no stack trace unless debugging. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("error: " + msg);
        if (Boolean.getBoolean("kiln.debug") || "trace".equalsIgnoreCase(System.getenv("KILN_VERBOSITY"))) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return 1;
    }
}
