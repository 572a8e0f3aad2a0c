package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.EnvLookup;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding heredoc openers ({@code <<EOF}) in RUN/COPY/ADD lines (BuildKit {@code ParseHeredoc}, {@code heredocsFromLine}). */
public final class Heredocs {
    private static final Pattern OPENER = Pattern.compile("^(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)$", Pattern.UNIX_LINES);
    private static final Set<String> DIRECTIVES = Set.of("add", "copy", "run");
    private static final ShellLex LINE_LEX = new ShellLex('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);
    private static final ShellLex WORD_LEX = new ShellLex('\\').withSkipUnsetEnv(true);

    private Heredocs() {}

    /**
     * The heredoc one word opens ({@code <<EOF}, {@code <<-'EOF'}, {@code 3<<EOF}), without content; null when the
     * word is not a heredoc opener; {@link IllegalArgumentException} when it is a malformed one ({@code <<'EOF}).
     */
    public static ParsedHeredoc parse(String word) {
        Matcher m = OPENER.matcher(word);
        if (!m.matches()) return null;
        String rest = m.group(3);
        if (rest.isEmpty()) return null;
        int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1));
        boolean chomp = m.group(2).equals("-");
        try {
            List<String> words = WORD_LEX.processWords(rest, EnvLookup.empty());
            if (words.size() != 1) return null;
            List<String> raw = WORD_LEX.withRawQuotes(true).processWords(rest, EnvLookup.empty());
            if (raw.size() != 1) {
                throw new IllegalArgumentException("internal lexing of heredoc produced inconsistent results: " + rest);
            }
            // a quote that only the raw form keeps was a real quote: the body must not be expanded
            boolean expand = quotes(words.getFirst()) == quotes(raw.getFirst());
            return new ParsedHeredoc(words.getFirst(), fd, expand, chomp, "");
        } catch (ShellExpansionException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static int parseFd(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long quotes(String s) {
        return s.chars().filter(c -> c == '\'' || c == '"').count();
    }

    /** The heredocs a whole instruction line opens, in order. */
    public static List<ParsedHeredoc> fromLine(String line) {
        List<String> words;
        try {
            words = LINE_LEX.processWords(line, EnvLookup.empty());
        } catch (ShellExpansionException e) {
            words = List.of();
        }
        List<ParsedHeredoc> docs = new ArrayList<>();
        for (String w : words) {
            ParsedHeredoc h = parse(w);
            if (h != null) docs.add(h);
        }
        return docs;
    }

    /** Whether an instruction may carry heredocs: RUN/COPY/ADD in shell form, also as an ONBUILD trigger. */
    static boolean allowed(Node node) {
        if (node.value().toLowerCase(Locale.ROOT).equals("onbuild") && node.subCommand() != null) node = node.subCommand();
        return DIRECTIVES.contains(node.value().toLowerCase(Locale.ROOT)) && !node.json();
    }
}
