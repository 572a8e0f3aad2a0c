package dev.kiln.context;

import java.util.regex.Pattern;

/**
 * One cleaned moby/patternmatcher pattern. Like upstream it picks the cheapest of four match kinds:
 * exact text; prefix ({@code abc/**}: everything under {@code abc/}); suffix (a leading {@code **} followed
 * only by literal text: {@code **}{@code /foo} matches {@code foo} and anything ending in {@code /foo}); or a
 * regular expression where {@code *} and {@code ?} stay within one segment and {@code **} spans any number of
 * directories (including none).
 *
 * <p>Deliberate differences from upstream's regexp translation, which only show on odd patterns: {@code \x}
 * always means a literal {@code x} (upstream passes it to Go's regexp, so {@code \d} would match a digit),
 * {@code ^} and {@code $} outside classes are literal, and classes follow filepath.Match grammar (upstream
 * turns {@code *} inside a class into regexp syntax).
 */
record IgnorePattern(String text, boolean exclusion, Kind kind, Pattern regex) {
    enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    /** Compiles a cleaned pattern (without its {@code !}); throws {@link IllegalArgumentException} if bad. */
    static IgnorePattern compile(String text, boolean exclusion) {
        GlobSyntax.validate(text);
        StringBuilder re = new StringBuilder();
        Kind kind = Kind.EXACT;
        int i = 0;
        for (int step = 0; i < text.length(); step++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*' && i < text.length() && text.charAt(i) == '*') {
                i++;
                if (i < text.length() && text.charAt(i) == '/') i++;
                if (i < text.length()) {
                    re.append("(?:.*/)?");
                    kind = Kind.REGEX;
                } else if (kind == Kind.EXACT) {
                    kind = Kind.PREFIX;
                } else {
                    re.append(".*");
                    kind = Kind.REGEX;
                }
                if (step == 0) kind = Kind.SUFFIX;
            } else if (c == '*') {
                re.append("[^/]*");
                kind = Kind.REGEX;
            } else if (c == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (c == '\\') {
                int next = text.codePointAt(i);
                i += Character.charCount(next);
                re.append(GlobSyntax.literal(next));
                kind = Kind.REGEX;
            } else if (c == '[') {
                i = GlobSyntax.translateClass(text, i - 1, re, true);
                kind = Kind.REGEX;
            } else {
                if (c == ']') kind = Kind.REGEX;
                re.append(GlobSyntax.literal(c));
            }
        }
        Pattern regex = kind == Kind.REGEX ? Pattern.compile(re.toString(), Pattern.UNIX_LINES) : null;
        return new IgnorePattern(text, exclusion, kind, regex);
    }

    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(text);
            case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
            case SUFFIX -> {
                String suffix = text.substring(2);
                yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            }
            case REGEX -> regex.matcher(path).matches();
        };
    }

    /** fsutil's patternWithoutTrailingGlob: the text without a trailing {@code /**} and then {@code /*}. */
    String withoutTrailingGlob() {
        String s = text;
        if (s.endsWith("/**")) s = s.substring(0, s.length() - 3);
        if (s.endsWith("/*")) s = s.substring(0, s.length() - 2);
        return s;
    }

    @Override
    public String toString() {
        return (exclusion ? "!" : "") + text;
    }
}
