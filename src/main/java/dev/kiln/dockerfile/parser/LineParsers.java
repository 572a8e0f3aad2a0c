package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.GoChars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the rest of an instruction line into its argument chain, per keyword (BuildKit {@code line_parsers.go}).
 * Throws {@link IllegalArgumentException} for the few line-level errors.
 */
final class LineParsers {
    static final int MAX_ONBUILD_NESTING = 8;

    private LineParsers() {}

    /** The argument chain (null for none) and whether it came from a JSON array. */
    record Args(Node next, boolean json) {
        static final Args NONE = new Args(null, false);
    }

    /** Parses a whole instruction line into an instruction node (keyword, flags, args; no lines yet). */
    static Node node(String line, Directives d) {
        return node(line, d, 0);
    }

    /** ONBUILD nests its trigger; a chain deeper than {@link #MAX_ONBUILD_NESTING} is refused here (never valid). */
    private static Node node(String line, Directives d, int onbuildDepth) {
        SplitCommand sc = SplitCommand.of(line);
        String cmd = sc.cmd().toLowerCase(Locale.ROOT);
        if (cmd.equals("onbuild") && onbuildDepth >= MAX_ONBUILD_NESTING) {
            throw new IllegalArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        Args a = cmd.equals("onbuild") ? onbuild(sc.args(), d, onbuildDepth) : dispatch(cmd, sc.args(), d);
        return new Node(sc.cmd(), a.next(), List.of(), a.json(), line, sc.flags(), 0, 0, List.of());
    }

    private static Args onbuild(String rest, Directives d, int depth) {
        if (rest.isEmpty()) return Args.NONE;
        return new Args(new Node("", null, List.of(node(rest, d, depth + 1)), false, "", List.of(), 0, 0, List.of()), false);
    }

    private static Args dispatch(String cmd, String rest, Directives d) {
        return switch (cmd) {
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "arg" -> new Args(Node.chain(Words.split(rest, d.escapeToken())), false);
            case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
            case "env" -> new Args(NameValues.parse(rest, "ENV", d.escapeToken()), false);
            case "label" -> new Args(NameValues.parse(rest, "LABEL", d.escapeToken()), false);
            case "expose", "from" -> new Args(whitespaceDelimited(rest), false);
            case "healthcheck" -> healthConfig(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> new Args(rest.isEmpty() ? null : Node.leaf(rest, null), false);
            default -> new Args(Node.leaf("", null), false);
        };
    }

    static Node whitespaceDelimited(String rest) {
        if (rest.isEmpty()) return null;
        return Node.chain(List.of(SplitCommand.split(rest, -1)));
    }

    /** A JSON array of strings, or null when {@code rest} is not one. */
    private static Args json(String rest) {
        String trimmed = GoChars.trimLeftSpace(rest);
        if (!trimmed.startsWith("[")) return null;
        List<String> items;
        try {
            items = JsonArray.parse(trimmed);
        } catch (JsonArray.NotStringArray e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return items == null ? null : new Args(Node.chain(items), true);
    }

    private static Args maybeJson(String rest) {
        if (rest.isEmpty()) return Args.NONE;
        Args a = json(rest);
        return a != null ? a : new Args(Node.leaf(rest, null), false);
    }

    private static Args maybeJsonToList(String rest) {
        Args a = json(rest);
        return a != null ? a : new Args(whitespaceDelimited(rest), false);
    }

    /** {@code HEALTHCHECK TYPE rest}: the type word, then the rest like CMD. */
    private static Args healthConfig(String rest) {
        int sep = 0;
        while (sep < rest.length() && !GoChars.isSpace(rest.charAt(sep))) sep++;
        int next = sep;
        while (next < rest.length() && GoChars.isSpace(rest.charAt(next))) next++;
        if (sep == 0) return Args.NONE;
        Args cmd = maybeJson(rest.substring(next));
        return new Args(Node.leaf(rest.substring(0, sep), cmd.next()), cmd.json());
    }

    /** ENV / LABEL: legacy {@code KEY value} or {@code k=v ...}, as key/value/separator triples. */
    static final class NameValues {
        private NameValues() {}

        static Node parse(String rest, String key, char escape) {
            List<String> words = Words.split(rest, escape);
            if (words.isEmpty()) return null;
            if (!words.getFirst().contains("=")) {
                String[] parts = SplitCommand.split(rest, 2);
                if (parts.length < 2) throw new IllegalArgumentException(key + " must have two arguments");
                return Node.chain(List.of(parts[0], parts[1], ""));
            }
            List<String> out = new ArrayList<>();
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("Syntax error - can't find = in " + dev.kiln.dockerfile.shell.GoQuote.quote(word)
                            + ". Must be of the form: name=value");
                }
                out.add(word.substring(0, eq));
                out.add(word.substring(eq + 1));
                out.add("=");
            }
            return Node.chain(out);
        }
    }
}
