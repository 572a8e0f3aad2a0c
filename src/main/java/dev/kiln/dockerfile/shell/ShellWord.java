package dev.kiln.dockerfile.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One expansion run of {@link ShellLex} over one word (the state of BuildKit's {@code shellWord}). */
final class ShellWord {
    static final int EOF = -1;

    private final ShellLex lex;
    private final String source;
    private final int[] chars;
    private final EnvLookup env;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private int pos;
    private boolean rawEscapes;
    /** Nesting of {@code ${…${…}}} being processed: bounded so hostile input fails cleanly instead of overflowing the stack. */
    private int depth;
    static final int MAX_NESTING = 200;

    ShellWord(ShellLex lex, String word, EnvLookup env) {
        this.lex = lex;
        this.source = word;
        this.chars = word.codePoints().toArray();
        this.env = env == null ? EnvLookup.empty() : env;
        this.rawEscapes = lex.rawEscapes();
    }

    Expansion process() {
        try {
            Part p = processStopOn(EOF, rawEscapes);
            return new Expansion(p.text, p.words, matched, unmatched);
        } catch (ShellExpansionException e) {
            throw new ShellExpansionException("failed to process " + GoQuote.quote(source) + ": " + e.getMessage());
        }
    }

    record Part(String text, List<String> words) {}

    int peek() {
        return pos < chars.length ? chars[pos] : EOF;
    }

    int next() {
        return pos < chars.length ? chars[pos++] : EOF;
    }

    /** Processes up to {@code stopChar} (consumed) or the end; an unterminated stop char is an error. */
    Part processStopOn(int stopChar, boolean raw) {
        if (++depth > MAX_NESTING) {
            throw new ShellExpansionException("syntax error: substitutions nested more than " + MAX_NESTING + " deep");
        }
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            return stopOn(stopChar);
        } finally {
            rawEscapes = saved;
            depth--;
        }
    }

    private Part stopOn(int stopChar) {
        StringBuilder result = new StringBuilder();
        Words words = new Words();
        while (peek() != EOF) {
            int ch = peek();
            if (stopChar != EOF && ch == stopChar) {
                next();
                return new Part(result.toString(), words.finish());
            }
            String special = special(ch);
            if (special != null) {
                result.append(special);
                if (ch == '$') {
                    words.addString(special);
                } else {
                    words.addRawString(special);
                }
                continue;
            }
            ch = next();
            if (ch == lex.escapeToken()) {
                if (rawEscapes) {
                    words.addRawChar(ch);
                    result.appendCodePoint(ch);
                }
                ch = next();
                if (ch == EOF) break;
                words.addRawChar(ch);
            } else {
                words.addChar(ch);
            }
            result.appendCodePoint(ch);
        }
        if (stopChar != EOF) {
            throw new ShellExpansionException("unexpected end of statement while looking for matching "
                    + Character.toString(stopChar));
        }
        return new Part(result.toString(), words.finish());
    }

    /** Runs the handler for a special character, or returns null when {@code ch} is ordinary. */
    private String special(int ch) {
        return switch (ch) {
            case '$' -> new Dollar(this).process();
            case '<' -> processPossibleHeredoc();
            case '\'' -> lex.skipProcessQuotes() ? null : processSingleQuote();
            case '"' -> lex.skipProcessQuotes() ? null : processDoubleQuote();
            default -> null;
        };
    }

    private String processSingleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lex.rawQuotes()) result.appendCodePoint(ch);
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new ShellExpansionException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (lex.rawQuotes()) result.appendCodePoint(ch);
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDoubleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lex.rawQuotes()) result.appendCodePoint(ch);
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new ShellExpansionException("unexpected end of statement while looking for matching double-quote");
            } else if (p == '"') {
                ch = next();
                if (lex.rawQuotes()) result.appendCodePoint(ch);
                return result.toString();
            } else if (p == '$') {
                result.append(new Dollar(this).process());
            } else {
                ch = next();
                if (ch == lex.escapeToken()) {
                    if (rawEscapes) result.appendCodePoint(ch);
                    int after = peek();
                    if (after == EOF) continue;
                    if (after == '"' || after == '$' || after == lex.escapeToken()) ch = next();
                }
                result.appendCodePoint(ch);
            }
        }
    }

    /** {@code <<} (or {@code <<-}) keeps the blanks after it in its word, so {@code << EOF} stays one word. */
    private String processPossibleHeredoc() {
        next();
        if (peek() != '<') return "<";
        next();
        StringBuilder result = new StringBuilder("<<");
        if (peek() == '-') result.appendCodePoint(next());
        while (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n') {
            result.appendCodePoint(next());
        }
        return result.toString();
    }

    /** Reads a variable name: digits, one special parameter, or letters/digits/underscore. */
    String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.isEmpty() && GoChars.isDigit(ch)) {
                while (peek() != EOF && GoChars.isDigit(peek())) name.appendCodePoint(next());
                return name.toString();
            }
            if (name.isEmpty() && "@*#?-$!0".indexOf(ch) >= 0) {
                return Character.toString(next());
            }
            if (!GoChars.isLetter(ch) && !GoChars.isDigit(ch) && ch != '_') break;
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    /** The value of {@code name}, or null when unset; records the lookup. */
    String getEnv(String name) {
        String v = env.get(name);
        if (v != null) {
            matched.add(name);
        } else {
            unmatched.add(name);
        }
        return v;
    }

    ShellLex lex() {
        return lex;
    }
}
