package dev.kiln.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Invalid command lines: the error and one hint line, not the whole usage text. Exits 1, which is what a Kaniko
 * pipeline sees for any usage error (cobra's Execute returns the error and Kaniko's main exits 1).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String line = "error: " + ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) line += " (did you mean " + String.join(" or ", suggestions.stream().limit(3).toList()) + "?)";
        }
        err.println(line);
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for its flags; Kaniko's flags are listed in docs/kaniko-flags.md.");
        err.flush();
        return ErrorHandler.FAILURE;
    }
}
