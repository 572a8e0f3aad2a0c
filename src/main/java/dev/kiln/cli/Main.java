package dev.kiln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kiln} command: {@code kiln build} (alias {@code executor}) and {@code kiln version}. */
@Command(name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"kiln builds OCI/Docker images from a Dockerfile without a Docker daemon and pushes them to registries.",
                "A drop-in successor to Kaniko: the same flags, the same place in CI pipelines and Kubernetes pods."},
        subcommands = {BuildCommand.class, WarmCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'kiln build ...' (see kiln --help)");
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version"))) {
            // the version alone needs no command model: picocli's reflection over every command costs ~0.3 s of CPU
            System.out.println(Version.line());
            System.exit(0);
        }
        System.exit(run(args));
    }

    /** Runs kiln with arguments and returns the exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** kiln's command line, configured as {@link #run} uses it (tests parse with it). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrors());
        KanikoBooleans.relax(cl);
        return cl;
    }
}
