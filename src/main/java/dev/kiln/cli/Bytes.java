package dev.kiln.cli;

import java.util.Locale;

/** Byte counts as progress displays show them (decimal units, as buildx: {@code 1.23MB}). */
final class Bytes {
    private Bytes() {}

    static String text(long n) {
        if (n < 0) return "?";
        if (n < 1000) return n + "B";
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f%s" : v < 100 ? "%.1f%s" : "%.0f%s", v, units[u]);
    }

    /** {@code bytes / total}, or only the bytes when the total is unknown. */
    static String progress(long bytes, long total) {
        return total > 0 ? text(bytes) + " / " + text(total) : text(bytes);
    }
}
