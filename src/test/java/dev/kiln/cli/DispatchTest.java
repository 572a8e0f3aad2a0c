package dev.kiln.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Main gives picocli only the subcommand the first argument names (issue 12, start): help, usage errors and every
 * name a command answers to behave as with the whole command tree.
 */
class DispatchTest {
    /** Exit code, stdout and stderr of one in-process run on the given command line. */
    private record Outcome(int code, String out, String err) {}

    private static Outcome run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void everyNameOfACommandDispatchesToThatCommandAlone() {
        CommandLine whole = Main.commandLine();
        for (var e : whole.getSubcommands().entrySet()) {
            String name = e.getKey();
            CommandLine cl = Main.commandLine(name);
            String command = e.getValue().getCommandName();
            if (command.equals("help")) {
                assertEquals(whole.getSubcommands().keySet(), cl.getSubcommands().keySet(), "help needs every command");
                continue;
            }
            assertEquals(command, cl.getSubcommands().get(name).getCommandName(), name);
            assertEquals(Set.of(command), Set.copyOf(cl.getSubcommands().values().stream().map(CommandLine::getCommandName).toList()),
                    name + " builds only its own command");
        }
        assertTrue(Main.commandLine("executor").getSubcommands().containsKey("build"), "Kaniko's name is build's alias");
    }

    @Test
    void helpUsageErrorsAndUnknownCommandsMatchTheWholeTree() {
        List<List<String>> cases = List.of(
                List.of(), List.of("--help"), List.of("help"), List.of("help", "build"), List.of("help", "warm"),
                List.of("build", "--help"), List.of("executor", "--help"), List.of("warmer", "--help"),
                List.of("buidl"), List.of("bogus", "x"), List.of("--bogus"), List.of("build", "--bogus"),
                List.of("build", "--verbosity", "nonsense"), List.of("warm", "--bogus"), List.of("version", "extra"));
        for (List<String> args : cases) {
            String[] a = args.toArray(String[]::new);
            Outcome whole = run(Main.commandLine(), a);
            Outcome dispatched = run(Main.commandLine(a.length == 0 ? null : a[0]), a);
            assertEquals(whole, dispatched, "kiln " + String.join(" ", args));
        }
    }

    @Test
    void helpBuildPrintsBuildsUsageWithItsKanikoFlags() {
        Outcome o = run(Main.commandLine("help"), "help", "build");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("Usage: kiln build"), o.out());
        assertTrue(o.out().contains("--destination"), o.out());
        assertEquals(o, run(Main.commandLine("build"), "build", "--help"));
    }
}
