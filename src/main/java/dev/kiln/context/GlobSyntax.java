package dev.kiln.context;

/**
 * Go {@code filepath.Match} syntax (Unix flavour): validation and translation of {@code [...]} classes
 * into {@link java.util.regex.Pattern} classes. Class members are emitted as {@code \x{...}} so no Java
 * class metacharacter ({@code [ & ^ -}) can change their meaning.
 */
final class GlobSyntax {
    private GlobSyntax() {}

    /** Thrown for a malformed pattern (Go's {@code filepath.ErrBadPattern}). */
    static final class BadPattern extends IllegalArgumentException {
        BadPattern(String pattern, String why) {
            super("syntax error in pattern \"" + pattern + "\": " + why);
        }
    }

    /** Checks the whole pattern the way Go 1.16+ {@code filepath.Match} does before answering. */
    static void validate(String p) {
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) throw new BadPattern(p, "trailing backslash");
                i += 1 + Character.charCount(p.codePointAt(i + 1));
            } else if (c == '[') {
                i = translateClass(p, i, new StringBuilder(), false);
            } else {
                i++;
            }
        }
    }

    /**
     * Translates the class starting at {@code p[open] == '['}; returns the index after its {@code ]}.
     * With {@code strictRanges} a reversed range ({@code [z-a]}) is an error, as in Go's regexp package
     * (which moby/patternmatcher compiles to); otherwise it matches nothing, as in filepath.Match.
     */
    static int translateClass(String p, int open, StringBuilder re, boolean strictRanges) {
        int i = open + 1;
        boolean negated = i < p.length() && p.charAt(i) == '^';
        if (negated) i++;
        StringBuilder members = new StringBuilder();
        int ranges = 0;
        while (true) {
            if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
                i++;
                break;
            }
            int[] lo = escaped(p, i);
            int[] hi = lo;
            i = lo[1];
            if (p.charAt(i) == '-') {
                hi = escaped(p, i + 1);
                i = hi[1];
            }
            if (lo[0] > hi[0]) {
                if (strictRanges) throw new BadPattern(p, "invalid character class range");
            } else {
                members.append(hex(lo[0]));
                if (hi[0] != lo[0]) members.append('-').append(hex(hi[0]));
            }
            ranges++;
        }
        if (members.isEmpty()) re.append(negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)");
        else re.append(negated ? "[^" : "[").append(members).append(']');
        return i;
    }

    /** Go's getEsc: one (possibly escaped) class character; {code point, next index}. */
    private static int[] escaped(String p, int i) {
        if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
            throw new BadPattern(p, "bad character class");
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= p.length()) throw new BadPattern(p, "bad character class");
        }
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        if (i >= p.length()) throw new BadPattern(p, "unterminated character class");
        return new int[] {cp, i};
    }

    static String hex(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    /** A code point as a Java regex literal. */
    static String literal(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '/' ? Character.toString(codePoint) : hex(codePoint);
    }
}
