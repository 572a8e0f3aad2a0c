package dev.kiln.step;

import java.util.List;

/** Formats values the way BuildKit's Go code prints them into image history ({@code %q}, {@code %v}, durations). */
public final class GoFormat {
    private GoFormat() {}

    /** Go's {@code fmt.Sprintf("%q", []string)}: {@code ["a" "b"]}. */
    static String quotedList(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(quote(l.get(i)));
        }
        return b.append(']').toString();
    }

    /** Go's {@code %v} of a []string: {@code [a b]}. */
    static String plainList(List<String> l) {
        return "[" + String.join(" ", l) + "]";
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.append('"').toString();
    }

    /** Go's time.Duration.String(): 0s, 1.5s, 1m30s, 500ms, 2h0m0s. */
    static String duration(long nanos) {
        if (nanos == 0) return "0s";
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        String s;
        if (u < 1_000_000_000L) {
            if (u < 1_000) s = u + "ns";
            else if (u < 1_000_000) s = trim(u / 1e3) + "µs";
            else s = trim(u / 1e6) + "ms";
        } else {
            long h = u / 3_600_000_000_000L;
            long m = (u / 60_000_000_000L) % 60;
            double sec = (u % 60_000_000_000L) / 1e9;
            s = (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + trim(sec) + "s";
        }
        return neg ? "-" + s : s;
    }

    private static String trim(double d) {
        String s = new java.math.BigDecimal(d).setScale(9, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s;
    }
}
