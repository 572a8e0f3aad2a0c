package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.GoChars;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code parseWords}: splits on whitespace, but quoted text stays in one word and quotes and escape
 * characters are kept (they are removed later by the shell lexer).
 */
final class Words {
    private Words() {}

    static List<String> split(String rest, char escape) {
        final int inSpaces = 0, inWord = 1, inQuote = 2;
        List<String> words = new ArrayList<>();
        int[] cps = rest.codePoints().toArray();
        int phase = inSpaces;
        StringBuilder word = new StringBuilder();
        int quote = 0;
        boolean blankOK = false;
        for (int pos = 0; pos <= cps.length; pos++) {
            int ch = pos < cps.length ? cps[pos] : 0;
            if (phase == inSpaces) {
                if (pos == cps.length) break;
                if (GoChars.isSpace(ch)) continue;
                phase = inWord;
            }
            if (pos == cps.length) {
                if (blankOK || !word.isEmpty()) words.add(word.toString());
                break;
            }
            if (phase == inWord) {
                if (GoChars.isSpace(ch)) {
                    phase = inSpaces;
                    if (blankOK || !word.isEmpty()) words.add(word.toString());
                    word.setLength(0);
                    blankOK = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOK = true;
                    phase = inQuote;
                }
                if (ch == escape) {
                    if (pos + 1 == cps.length) continue;
                    word.appendCodePoint(ch);
                    ch = cps[++pos];
                }
                word.appendCodePoint(ch);
                continue;
            }
            // inQuote
            if (ch == quote) phase = inWord;
            if (ch == escape && quote != '\'') {
                if (pos + 1 == cps.length) {
                    phase = inWord;
                    continue;
                }
                word.appendCodePoint(ch);
                ch = cps[++pos];
            }
            word.appendCodePoint(ch);
        }
        return words;
    }
}
