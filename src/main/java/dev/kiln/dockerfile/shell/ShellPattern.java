package dev.kiln.dockerfile.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shell glob patterns ({@code *}, {@code ?}, {@code \} escapes) for {@code ${V#p}}, {@code ${V%p}}, {@code ${V/p/r}}. */
final class ShellPattern {
    private ShellPattern() {}

    /** BuildKit's {@code convertShellPatternToRegex} (no bracket expressions). */
    static Pattern toRegex(String pattern, boolean greedy, boolean anchored) {
        int[] cps = pattern.codePoints().toArray();
        StringBuilder out = new StringBuilder(anchored ? "^" : "");
        for (int i = 0; i < cps.length; i++) {
            int tok = cps[i];
            switch (tok) {
                case '*' -> out.append(greedy ? ".*" : ".*?");
                case '?' -> out.append('.');
                case '\\' -> {
                    int peek = i + 1 < cps.length ? cps[i + 1] : -1;
                    if (peek == '}' || peek == '/') continue;
                    i++;
                    if (peek != '*' && peek != '?' && peek != '\\') {
                        throw new ShellExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                + (peek < 0 ? "" : Character.toString(peek)) + "'");
                    }
                    out.append('\\').appendCodePoint(peek);
                }
                case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\').appendCodePoint(tok);
                default -> out.appendCodePoint(tok);
            }
        }
        return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
    }

    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = toRegex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /** Shortest/longest suffix removal: reverse pattern and value so a leftmost match finds it. */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
    }

    /** Replaces the first (or every) match the way Go's {@code ReplaceAllString} does. */
    static String replace(String value, String pattern, String replacement, boolean all) {
        Matcher m = toRegex(pattern, true, false).matcher(value);
        if (!all) {
            return m.find() ? value.substring(0, m.start()) + expand(replacement, m.group()) + value.substring(m.end()) : value;
        }
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= value.length() && m.find(searchPos)) {
            out.append(value, lastMatchEnd, m.start());
            // an empty match right after another match is not replaced again
            if (m.end() > lastMatchEnd || m.start() == 0) out.append(expand(replacement, m.group()));
            lastMatchEnd = m.end();
            int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 1;
            searchPos = Math.max(searchPos + width, m.end());
        }
        return out.append(value.substring(lastMatchEnd)).toString();
    }

    /** Go's {@code Regexp.Expand} template rules for a pattern without groups: {@code $0}/{@code ${0}} is the match. */
    private static String expand(String template, String match) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i++;
                continue;
            }
            int end;
            String name;
            if (n == '{') {
                end = template.indexOf('}', i + 2);
                name = end < 0 ? "" : template.substring(i + 2, end);
            } else {
                end = i + 1;
                while (end < template.length() && isNameChar(template.charAt(end))) end++;
                name = template.substring(i + 1, end);
                end--;
            }
            if (name.isEmpty() || !name.chars().allMatch(ShellPattern::isNameChar)) {
                out.append(c);
                continue;
            }
            if (name.chars().allMatch(d -> d == '0')) out.append(match); // group 0; the pattern has no other groups
            i = end;
        }
        return out.toString();
    }

    private static boolean isNameChar(int c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Reverses a pattern keeping {@code \x} escapes in order ({@code a\*c} -> {@code c\*a}). */
    static String reversePattern(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int o = last - i;
            if (in[i] == '\\' && i != last) {
                out[o - 1] = in[i];
                out[o] = in[i + 1];
                i += 2;
            } else {
                out[o] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        int[] out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) out[i] = cps[cps.length - 1 - i];
        return new String(out, 0, out.length);
    }
}
