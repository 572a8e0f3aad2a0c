package dev.kiln.context;

import java.util.regex.Pattern;

/**
 * One Go {@code filepath.Match} pattern (Unix): {@code *} any run of non-{@code /} characters, {@code ?} one
 * non-{@code /} character, {@code [...]} / {@code [^...]} classes with ranges, {@code \} escapes the next
 * character. Used for COPY/ADD source globs, one path segment at a time.
 */
public final class GoGlob {
    private final String pattern;
    private final Pattern regex;

    private GoGlob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Compiles a pattern; a malformed one throws {@link IllegalArgumentException} naming it. */
    public static GoGlob compile(String pattern) {
        GlobSyntax.validate(pattern);
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> i = GlobSyntax.translateClass(pattern, i - 1, re, false);
                case '\\' -> {
                    int next = pattern.codePointAt(i);
                    i += Character.charCount(next);
                    re.append(GlobSyntax.literal(next));
                }
                default -> re.append(GlobSyntax.literal(c));
            }
        }
        return new GoGlob(pattern, Pattern.compile(re.toString()));
    }

    /** Whether {@code name} matches the whole pattern. */
    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    public String pattern() {
        return pattern;
    }

    /** fsutil's containsWildcards: an unescaped {@code *}, {@code ?} or {@code [}. */
    public static boolean hasWildcards(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') i++;
            else if (c == '*' || c == '?' || c == '[') return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
