package dev.kiln.dockerfile.shell;

/** Go's {@code unicode} predicates, as the BuildKit lexer and parser use them. */
public final class GoChars {
    private GoChars() {}

    /** Go {@code unicode.IsSpace}: Unicode White_Space. */
    public static boolean isSpace(int ch) {
        if (ch < 0x100) {
            return ch == ' ' || (ch >= '\t' && ch <= '\r') || ch == 0x85 || ch == 0xA0;
        }
        int t = Character.getType(ch);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    /** Go {@code unicode.IsLetter}. */
    public static boolean isLetter(int ch) {
        return Character.isLetter(ch);
    }

    /** Go {@code unicode.IsDigit} (decimal digits of any script). */
    public static boolean isDigit(int ch) {
        return Character.getType(ch) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** Go {@code strings.TrimLeftFunc(s, unicode.IsSpace)}. */
    public static String trimLeftSpace(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) break;
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    /** Go {@code strings.TrimSpace}. */
    public static String trimSpace(String s) {
        String left = trimLeftSpace(s);
        int end = left.length();
        while (end > 0) {
            int cp = left.codePointBefore(end);
            if (!isSpace(cp)) break;
            end -= Character.charCount(cp);
        }
        return left.substring(0, end);
    }
}
