package dev.kiln.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge: {@code Basic realm="x"} or
 * {@code Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"}.
 *
 * @param scheme lower-case scheme ({@code basic}, {@code bearer})
 * @param params parameters with lower-case names
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public boolean isBearer() { return scheme.equals("bearer"); }
    public boolean isBasic() { return scheme.equals("basic"); }
    public String realm() { return params.get("realm"); }
    public String service() { return params.get("service"); }
    public String scope() { return params.get("scope"); }
    public String error() { return params.get("error"); }

    /** The challenge kiln answers from all header values: Bearer preferred over Basic. */
    public static Optional<Challenge> select(List<String> headerValues) {
        List<Challenge> all = new ArrayList<>();
        for (String h : headerValues) all.addAll(parse(h));
        return all.stream().filter(Challenge::isBearer).findFirst()
                .or(() -> all.stream().filter(Challenge::isBasic).findFirst());
    }

    /** Parses one header value, which may hold several challenges separated by commas. */
    public static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        Lexer lx = new Lexer(header);
        lx.skipSeparators();
        while (!lx.atEnd()) {
            String scheme = lx.token();
            if (scheme.isEmpty()) { lx.pos++; lx.skipSeparators(); continue; }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                lx.skipSeparators();
                int mark = lx.pos;
                String name = lx.token();
                lx.skipSpaces();
                if (name.isEmpty() || !lx.consume('=')) { lx.pos = mark; break; }
                lx.skipSpaces();
                params.put(name.toLowerCase(Locale.ROOT), lx.value());
            }
            out.add(new Challenge(scheme, params));
            lx.skipSeparators();
        }
        return out;
    }

    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) { this.s = s == null ? "" : s; }

        boolean atEnd() { return pos >= s.length(); }

        void skipSpaces() { while (!atEnd() && Character.isWhitespace(s.charAt(pos))) pos++; }

        void skipSeparators() { while (!atEnd() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) pos++; }

        boolean consume(char c) {
            if (!atEnd() && s.charAt(pos) == c) { pos++; return true; }
            return false;
        }

        String token() {
            int start = pos;
            while (!atEnd() && "=, \t\"".indexOf(s.charAt(pos)) < 0) pos++;
            return s.substring(start, pos);
        }

        String value() {
            if (!consume('"')) return token();
            StringBuilder b = new StringBuilder();
            while (!atEnd() && s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                if (c == '\\' && !atEnd()) c = s.charAt(pos++);
                b.append(c);
            }
            consume('"');
            return b.toString();
        }
    }
}
