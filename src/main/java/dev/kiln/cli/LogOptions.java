package dev.kiln.cli;

import dev.kiln.event.EventSink;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;

/** Kaniko's {@code --log-format text|color|json} and {@code --log-timestamp}, for {@code build} and {@code warm}. */
public final class LogOptions {
    @Option(names = "--log-format", paramLabel = "text|color|json", defaultValue = "color",
            description = "Log format: color (Kaniko's 'INFO[0003] msg', colored on a terminal), text (logrus' "
                    + "'time=... level=info msg=...'), json (one object per line: level, msg, time). Default: ${DEFAULT-VALUE}.")
    String format = "color";

    @Option(names = "--log-timestamp", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Full timestamps instead of seconds since the start in color/text logs (default: ${DEFAULT-VALUE}).")
    boolean timestamp;

    /** The console sink for a {@code --verbosity} value; invalid values throw IllegalArgumentException. */
    EventSink sink(String verbosity, PrintStream err) {
        LogFormat f = LogFormat.of(format, timestamp, terminal(), Clock.systemDefaultZone());
        return new ConsoleEvents(err, ConsoleEvents.level(verbosity), f);
    }

    private static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
