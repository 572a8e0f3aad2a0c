package dev.kiln.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a terminal shows after a stream of text with the ANSI sequences the live display uses: carriage return,
 * new line, cursor up ({@code ESC[nA}, {@code ESC[nF}), erase ({@code ESC[J}, {@code ESC[2K}, {@code ESC[K}); colors
 * are dropped. Scrollback counts as screen: every line ever left above the cursor is kept.
 */
final class AnsiScreen {
    private final List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int col;

    static List<String> render(String stream) {
        AnsiScreen s = new AnsiScreen();
        s.feed(stream);
        List<String> out = new ArrayList<>();
        for (StringBuilder b : s.lines) out.add(b.toString().stripTrailing());
        while (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
        return out;
    }

    private void feed(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\u001b' && i + 1 < t.length() && t.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < t.length() && (Character.isDigit(t.charAt(j)) || t.charAt(j) == ';' || t.charAt(j) == '?')) j++;
                if (j >= t.length()) return;
                String arg = t.substring(i + 2, j);
                int n = arg.isEmpty() || !arg.matches("\\d+") ? 1 : Integer.parseInt(arg);
                switch (t.charAt(j)) {
                    case 'A' -> row = Math.max(0, row - n);
                    case 'F' -> { row = Math.max(0, row - n); col = 0; }
                    case 'J' -> {
                        line().setLength(Math.min(col, line().length()));
                        while (lines.size() > row + 1) lines.removeLast();
                    }
                    case 'K' -> {
                        if (arg.equals("2")) line().setLength(0);
                        else line().setLength(Math.min(col, line().length()));
                    }
                    default -> { } // colors and the like
                }
                i = j;
            } else if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
                while (lines.size() <= row) lines.add(new StringBuilder());
            } else {
                StringBuilder l = line();
                while (l.length() < col) l.append(' ');
                if (col < l.length()) l.setCharAt(col, c);
                else l.append(c);
                col++;
            }
        }
    }

    private StringBuilder line() {
        while (lines.size() <= row) lines.add(new StringBuilder());
        return lines.get(row);
    }
}
