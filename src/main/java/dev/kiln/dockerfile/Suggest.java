package dev.kiln.dockerfile;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for misspelt names, as BuildKit's {@code util/suggest}: the closest option by Levenshtein
 * distance, only when closer than 3 edits; an exact match means the name was not misspelt (no suggestion).
 * Case-insensitive matching returns the option in the case style of the input (all lower, all upper, else as
 * listed).
 */
public final class Suggest {
    private static final int MAX_DISTANCE = 3;

    private Suggest() {}

    /** The closest option, if any is within 2 edits of {@code value} and none equals it. */
    public static Optional<String> closest(String value, Collection<String> options, boolean caseSensitive) {
        if (value == null || value.isEmpty()) return Optional.empty();
        String v = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE;
        int bestSwaps = Integer.MAX_VALUE;
        for (String option : options) {
            String o = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (o.equals(v)) return Optional.empty();
            int d = distance(v, o, MAX_DISTANCE);
            if (d > best || d >= MAX_DISTANCE) continue;
            // ties (BuildKit picks one at random) go to the option closest when a swap of neighbours counts as one edit
            int swaps = transpositionDistance(v, o);
            if (d < best || swaps < bestSwaps) {
                best = d;
                bestSwaps = swaps;
                match = caseSensitive ? option : matchCase(option, value);
            }
        }
        return Optional.ofNullable(match);
    }

    /** {@code message} plus {@code " (did you mean X?)"} when a suggestion exists. */
    public static String wrap(String message, String value, Collection<String> options, boolean caseSensitive) {
        return closest(value, options, caseSensitive).map(m -> message + " (did you mean " + m + "?)").orElse(message);
    }

    private static String matchCase(String option, String original) {
        if (original.equals(original.toLowerCase(Locale.ROOT))) return option.toLowerCase(Locale.ROOT);
        if (original.equals(original.toUpperCase(Locale.ROOT))) return option.toUpperCase(Locale.ROOT);
        return option;
    }

    /** Optimal-string-alignment distance: Levenshtein plus swaps of adjacent characters (only for short names). */
    static int transpositionDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Levenshtein distance (insert, delete, substitute cost 1), computed on UTF-16 units; returns {@code limit}
     * or more as soon as the distance cannot be below {@code limit} (long inputs stay cheap).
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) return limit;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) return limit;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
