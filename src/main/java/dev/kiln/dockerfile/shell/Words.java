package dev.kiln.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/** Accumulates shell words: unquoted whitespace separates words, quoted text is added raw. */
final class Words {
    private final StringBuilder buf = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
        if (GoChars.isSpace(ch)) {
            if (inWord && !buf.isEmpty()) {
                words.add(buf.toString());
                buf.setLength(0);
                inWord = false;
            }
        } else {
            addRawChar(ch);
        }
    }

    void addRawChar(int ch) {
        buf.appendCodePoint(ch);
        inWord = true;
    }

    void addString(String s) {
        s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
        buf.append(s);
        inWord = true;
    }

    List<String> finish() {
        if (!buf.isEmpty()) {
            words.add(buf.toString());
            buf.setLength(0);
            inWord = false;
        }
        return words;
    }
}
