package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.GoChars;

import java.util.ArrayList;
import java.util.List;

/** Splits an instruction line into keyword, leading {@code --flags} and the rest (BuildKit {@code splitCommand}). */
record SplitCommand(String cmd, List<String> flags, String args) {
    static final String WHITESPACE = "[\\t\\u000B\\f\\r ]+";

    static SplitCommand of(String line) {
        String[] parts = split(GoChars.trimSpace(line), 2);
        if (parts.length < 2) return new SplitCommand(parts[0], List.of(), "");
        List<String> flags = new ArrayList<>();
        String rest = extractFlags(parts[1], flags);
        return new SplitCommand(parts[0], flags, GoChars.trimSpace(rest));
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * {@code s.split(WHITESPACE, limit)} without a regex (this runs for every line): for {@code limit} 2 the text
     * before the first run of blanks and everything after it; for a negative limit every piece, empty ones kept.
     */
    static String[] split(String s, int limit) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length() && (limit <= 0 || out.size() < limit - 1)) {
            if (!blank(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && blank(s.charAt(end))) end++;
            out.add(s.substring(start, i));
            start = end;
            i = end;
        }
        out.add(s.substring(start));
        return out.toArray(String[]::new);
    }

    /**
     * Collects the leading words that start with {@code --} (quotes and backslashes removed; a bare {@code --}
     * ends the flags and is dropped) and returns the rest of the line.
     */
    private static String extractFlags(String line, List<String> words) {
        final int inSpaces = 0, inWord = 1, inQuote = 2;
        int phase = inSpaces;
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean blankOK = false;
        int n = line.length();
        for (int pos = 0; pos <= n; pos++) {
            char ch = pos < n ? line.charAt(pos) : 0;
            if (phase == inSpaces) {
                if (pos == n) break;
                if (GoChars.isSpace(ch)) continue;
                if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') return line.substring(pos);
                phase = inWord;
            }
            if (pos == n) {
                if (!word.toString().equals("--") && (blankOK || !word.isEmpty())) words.add(word.toString());
                break;
            }
            if (phase == inWord) {
                if (GoChars.isSpace(ch)) {
                    phase = inSpaces;
                    if (word.toString().equals("--")) return line.substring(pos);
                    if (blankOK || !word.isEmpty()) words.add(word.toString());
                    word.setLength(0);
                    blankOK = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOK = true;
                    phase = inQuote;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == n) continue;
                    ch = line.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            // inQuote
            if (ch == quote) {
                phase = inWord;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == n) {
                    phase = inWord;
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        return "";
    }
}
