package dev.kiln.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Dockerfile exec-form argument as Go's {@code json.Unmarshal} into {@code []interface{}} would: the
 * whole text must be one JSON array. Returns null when it is not valid JSON (the caller falls back to the
 * shell form); throws {@link NotStringArray} for a valid array holding anything but strings.
 */
final class JsonArray {
    static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

    static final class NotStringArray extends RuntimeException {
        NotStringArray() {
            super(NOT_STRING_ARRAY);
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int pos;

    private JsonArray(String s) {
        this.s = s;
    }

    static List<String> parse(String text) {
        JsonArray p = new JsonArray(text);
        Object value;
        try {
            p.ws();
            if (p.peek() != '[') return null;
            value = p.value();
            p.ws();
            if (p.pos != text.length()) return null;
        } catch (Invalid | StringIndexOutOfBoundsException e) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof String str)) throw new NotStringArray();
            out.add(str);
        }
        return out;
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private void ws() {
        while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) pos++;
    }

    private void expect(char c) {
        if (peek() != c) throw new Invalid();
        pos++;
    }

    /** The top-level array's items: strings as values, anything else as {@link #NOT_A_STRING}. */
    private Object value() {
        expect('[');
        List<Object> items = new ArrayList<>();
        ws();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            ws();
            int c = peek();
            if (c == '[' || c == '{') {
                skipNested();
                items.add(NOT_A_STRING);
            } else {
                items.add(scalar());
            }
            ws();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private static final Object NOT_A_STRING = new Object();

    /** Go's decoder refuses nesting deeper than this ("exceeded max depth"); the top-level array is depth 1. */
    private static final int MAX_DEPTH = 10_000;

    /**
     * Validates a nested array or object without recursion (hostile input may nest deeply): a stack of the
     * open containers, one value at a time.
     */
    private void skipNested() {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        boolean valueDone = !openContainer(open);
        while (true) {
            if (!valueDone) {
                if (open.peek() == '{') {
                    ws();
                    if (peek() != '"') throw new Invalid();
                    string();
                    ws();
                    expect(':');
                }
                ws();
                int c = peek();
                if (c == '[' || c == '{') {
                    if (openContainer(open)) continue;
                } else {
                    scalar();
                }
            }
            if (open.isEmpty()) return;
            ws();
            if (peek() == ',') {
                pos++;
                valueDone = false;
                continue;
            }
            expect(open.pop() == '[' ? ']' : '}');
            valueDone = true;
        }
    }

    /** Consumes {@code [} or {@code {}; true when a member follows (pushed), false for an empty container. */
    private boolean openContainer(java.util.ArrayDeque<Character> open) {
        char o = s.charAt(pos++);
        if (open.size() + 2 > MAX_DEPTH) throw new Invalid();
        ws();
        if (peek() == (o == '[' ? ']' : '}')) {
            pos++;
            return false;
        }
        open.push(o);
        return true;
    }

    private Object scalar() {
        return switch (peek()) {
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private Object literal(String word) {
        if (!s.startsWith(word, pos)) throw new Invalid();
        pos += word.length();
        return Boolean.FALSE;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw new Invalid();
        }
        if (peek() == '.') {
            pos++;
            if (digits() == 0) throw new Invalid();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (digits() == 0) throw new Invalid();
        }
        return Double.valueOf(pos - start);
    }

    private int digits() {
        int n = 0;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw new Invalid();
            char c = s.charAt(pos++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw new Invalid();
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> unicodeEscape(out);
                default -> throw new Invalid();
            }
        }
    }

    /** {@code \}{@code uXXXX}; a surrogate that is not part of a valid pair becomes U+FFFD, as in Go. */
    private void unicodeEscape(StringBuilder out) {
        char c = hex4();
        if (Character.isHighSurrogate(c) && s.startsWith("\\u", pos)) {
            int save = pos;
            pos += 2;
            char low = hex4();
            if (Character.isLowSurrogate(low)) {
                out.append(c).append(low);
                return;
            }
            pos = save;
        }
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
    }

    private char hex4() {
        if (pos + 4 > s.length()) throw new Invalid();
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = s.charAt(pos++);
            int d = h < 128 ? Character.digit(h, 16) : -1;
            if (d < 0) throw new Invalid();
            v = v * 16 + d;
        }
        return (char) v;
    }
}
