package dev.kiln.cli;

import dev.kiln.fs.nativeio.Tty;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Kaniko's {@code --log-format text|color|json} and {@code --log-timestamp}, and buildx's
 * {@code --progress auto|tty|plain}, for {@code build} and {@code warm}.
 */
public final class LogOptions {
    @Option(names = "--log-format", paramLabel = "text|color|json", defaultValue = "color",
            description = "Log format: color (Kaniko's 'INFO[0003] msg', colored on a terminal), text (logrus' "
                    + "'time=... level=info msg=...'), json (one event per line: level, msg, time, and type and fields "
                    + "for typed events; docs/events.md). Default: ${DEFAULT-VALUE}.")
    String format = "color";

    @Option(names = "--log-timestamp", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Full timestamps instead of seconds since the start in color/text logs (default: ${DEFAULT-VALUE}).")
    boolean timestamp;

    @Option(names = "--progress", paramLabel = "auto|tty|plain", defaultValue = "auto",
            description = "Progress display (as buildx): tty (live step lines, spinners, blob bytes), plain (step start/end "
                    + "lines with durations, blob progress every few seconds, a summary), auto (tty when stderr is a "
                    + "terminal and TERM is not dumb). --log-format json always writes events. Default: ${DEFAULT-VALUE}.")
    String progress = "auto";

    /** The console of a command without steps ({@code warm}, a dry run): never live. */
    Console sink(String verbosity, PrintStream err) {
        return console(verbosity, err, Map.of("TERM", "dumb"));
    }

    /** The console for a {@code --verbosity} value; invalid values throw IllegalArgumentException. */
    Console console(String verbosity, PrintStream err, Map<String, String> env) {
        boolean terminal = Tty.isatty(2);
        LogFormat f = LogFormat.of(format, timestamp, terminal, LocalClock.system());
        var threshold = ConsoleEvents.level(verbosity);
        if (f.name().equals("json")) return Console.of(new JsonEvents(err, threshold, LocalClock.system()));
        return switch (mode(progress, terminal, env.get("TERM"))) {
            case "tty" -> LiveDisplay.start(err, threshold, f, Tty.columns(2));
            default -> Console.of(new PlainProgress(new ConsoleEvents(err, threshold, f), err, threshold, f));
        };
    }

    /** {@code --progress} resolved: tty or plain. */
    static String mode(String progress, boolean terminal, String term) {
        String p = progress == null ? "auto" : progress.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "tty", "plain" -> p;
            case "auto" -> terminal && term != null && !term.isEmpty() && !term.equals("dumb") ? "tty" : "plain";
            default -> throw new IllegalArgumentException("invalid --progress '" + progress + "': use auto|tty|plain");
        };
    }
}
