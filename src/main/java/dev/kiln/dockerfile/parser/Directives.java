package dev.kiln.dockerfile.parser;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) and the escape token they select.
 * Directives are only recognised in the leading block of such comment lines; the first other line (blank line,
 * plain comment, instruction) ends the block. Mutable: one instance per parse.
 */
final class Directives {
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*$",
            Pattern.UNIX_LINES);
    private static final Set<String> VALID = Set.of("syntax", "escape", "check");

    private final Map<String, String> values = new LinkedHashMap<>();
    private char escapeToken = '\\';
    private boolean done;

    char escapeToken() {
        return escapeToken;
    }

    Map<String, String> values() {
        return values;
    }

    /** Looks at one line (newline and, at the top, leading blanks removed); throws on a bad or repeated one. */
    void offer(String line) {
        if (done) return;
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
            done = true;
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!VALID.contains(key)) {
            done = true;
            return;
        }
        if (values.containsKey(key)) throw new IllegalArgumentException("only one " + key + " parser directive can be used");
        String value = m.group(2);
        if (key.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new IllegalArgumentException("invalid escape token '" + value + "' does not match ` or \\");
            }
            escapeToken = value.charAt(0);
        }
        values.put(key, value);
    }

    /**
     * If {@code line} ends with the escape token (trailing spaces/tabs allowed) that is not itself escaped, returns
     * the line without it (a continuation); otherwise null.
     */
    String continuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) end--;
        if (end == 0 || line.charAt(end - 1) != escapeToken) return null;
        if (end == 1) return "";
        if (line.charAt(end - 2) == escapeToken) return null;
        return line.substring(0, end - 1);
    }
}
