package dev.kiln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The {@code kiln} command: {@code kiln build} (alias {@code executor}), {@code kiln warm} and {@code kiln version}.
 * <p>picocli builds the model of every command it is given by reflection (annotation proxies, ~90 options of
 * {@code build}), so {@link #run} gives it only the command the first argument names; anything else (no argument,
 * {@code --help}, {@code help}, an unknown word) gets the whole tree, as {@link #commandLine()} returns it.
 */
@Command(name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"kiln builds OCI/Docker images from a Dockerfile without a Docker daemon and pushes them to registries.",
                "A drop-in successor to Kaniko: the same flags, the same place in CI pipelines and Kubernetes pods."})
public final class Main implements Runnable {
    /** kiln's subcommands in the order {@code kiln --help} lists them, with every name each answers to. */
    record Sub(List<String> names, Class<?> type) {}

    private static final List<Sub> SUBCOMMANDS = List.of(
            new Sub(List.of("build", "executor"), BuildCommand.class),
            new Sub(List.of("warm", "warmer"), WarmCommand.class),
            new Sub(List.of("version"), VersionCommand.class),
            new Sub(List.of("help"), CommandLine.HelpCommand.class));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'kiln build ...' (see kiln --help)");
    }

    public static void main(String[] args) {
        // picocli looks for Groovy's Closure class when it starts: a class that is not there is looked for in every
        // jar on the class path (~120), 80 ms of CPU at every start (async-profiler)
        System.setProperty("picocli.disable.closures", "true");
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version"))) {
            // the version alone needs no command model: picocli's reflection over every command costs ~0.3 s of CPU
            System.out.println(Version.line());
            System.exit(0);
        }
        if (args.length > 0 && dispatched(args[0]) == SUBCOMMANDS.getFirst()) {
            ProcessLaunch.choose(args); // before the preload thread can read the environment (in-place builds)
            Preload.start();
        }
        System.exit(run(args));
    }

    /** Runs kiln with arguments and returns the exit code (tests call this). */
    public static int run(String... args) {
        dev.kiln.fs.nativeio.NativeDigests.install(); // OpenSSL's SHA-256 first, where there is a libcrypto
        return commandLine(args.length == 0 ? null : args[0]).execute(args);
    }

    /** kiln's whole command line, every subcommand in it, configured as {@link #run} uses it (tests parse with it). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * kiln's command line for arguments that start with {@code first}: only the subcommand {@code first} names
     * (except {@code help}, which needs the others), else every subcommand.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        Sub only = dispatched(first);
        for (Sub s : SUBCOMMANDS) {
            if (only == null || only == s) cl.addSubcommand(s.type());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrors());
        KanikoBooleans.relax(cl);
        return cl;
    }

    /** The one subcommand that arguments starting with {@code first} run, or null when they need the whole tree. */
    static Sub dispatched(String first) {
        if (first == null || first.equals("help")) return null;
        for (Sub s : SUBCOMMANDS) {
            if (s.names().contains(first)) return s;
        }
        return null;
    }
}
