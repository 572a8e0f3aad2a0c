package dev.kiln.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kiln.event.Event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One log line in Kaniko's formats (logrus): {@code color} ({@code INFO[0003] msg}, ANSI colors on a terminal),
 * {@code text} ({@code time="..." level=info msg="..."}) and {@code json} ({@code {"level":..,"msg":..,"time":..}}).
 */
record LogFormat(String name, boolean fullTimestamp, boolean colors, Clock clock) {
    static LogFormat of(String name, boolean fullTimestamp, boolean terminal, Clock clock) {
        String n = name == null ? "color" : name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("text") && !n.equals("color") && !n.equals("json")) {
            throw new IllegalArgumentException("not a valid log format: '" + name + "'. Please specify one of (text, color, json)");
        }
        return new LogFormat(n, fullTimestamp, n.equals("color") && terminal, clock);
    }

    /** The line for an event, {@code secs} seconds after kiln started (no line separator). */
    String line(Event.Level level, long secs, String message) {
        return switch (name) {
            case "json" -> "{\"level\":\"" + logrusName(level) + "\",\"msg\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message))
                    + "\",\"time\":\"" + now() + "\"}";
            case "text" -> "time=\"" + now() + "\" level=" + logrusName(level) + " msg=" + quoteIfNeeded(message);
            default -> {
                String tag = level == Event.Level.WARN ? "WARN" : level.name().substring(0, 4);
                if (colors) tag = "\u001b[" + color(level) + "m" + tag + "\u001b[0m";
                yield fullTimestamp ? tag + "[" + now() + "] " + message : String.format("%s[%04d] %s", tag, secs, message);
            }
        };
    }

    private String now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** logrus' level names: warn is "warning". */
    static String logrusName(Event.Level level) {
        return level == Event.Level.WARN ? "warning" : level.name().toLowerCase(Locale.ROOT);
    }

    private static int color(Event.Level level) {
        return switch (level) {
            case ERROR -> 31;
            case WARN -> 33;
            case INFO -> 36;
            case DEBUG, TRACE -> 37;
        };
    }

    /** logrus' text formatter quotes (Go %q) a value with characters outside [A-Za-z0-9-._/@^+]. */
    static String quoteIfNeeded(String s) {
        boolean plain = !s.isEmpty() && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || "-._/@^+".indexOf(c) >= 0);
        if (plain) return s;
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.append('"').toString();
    }
}
