package dev.kiln.context;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a .dockerignore file like moby/patternmatcher {@code ignorefile.ReadAll}: a UTF-8 BOM
 * is dropped, lines starting with {@code #} are comments, lines are whitespace-trimmed and blank ones
 * dropped, a leading {@code !} is kept (the rest trimmed again), the pattern is {@code filepath.Clean}ed and
 * a leading {@code /} removed ({@code /a/b} and {@code a/b} are the same).
 */
final class IgnoreFile {
    private IgnoreFile() {}

    /** One pattern and the 1-based line it came from. */
    record Line(int number, String pattern) {}

    static List<Line> read(String text) {
        List<Line> out = new ArrayList<>();
        if (text == null) return out;
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.startsWith("#")) continue;
            String pattern = trimSpace(line);
            if (pattern.isEmpty()) continue;
            boolean invert = pattern.charAt(0) == '!';
            if (invert) pattern = trimSpace(pattern.substring(1));
            if (!pattern.isEmpty()) {
                pattern = GoPath.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') pattern = pattern.substring(1);
            }
            out.add(new Line(n + 1, invert ? "!" + pattern : pattern));
        }
        return out;
    }

    /** Go {@code strings.TrimSpace}: trims Unicode white space (Go's {@code unicode.IsSpace}). */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) start++;
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || Character.isSpaceChar(c);
    }
}
