package dev.kiln.dockerfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Go's {@code time.ParseDuration} ({@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 250ms}) in nanoseconds. */
final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    static long parseNanos(String text) {
        String quoted = "\"" + text + "\"";
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new IllegalArgumentException("time: invalid duration " + quoted);
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
            boolean intDigits = i > start;
            int fracStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            }
            boolean fracDigits = i > fracStart + 1;
            if (!intDigits && !fracDigits) throw new IllegalArgumentException("time: invalid duration " + quoted);
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) i++;
            if (unitStart == i) throw new IllegalArgumentException("time: missing unit in duration " + quoted);
            String unit = s.substring(unitStart, i);
            Long scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration " + quoted);
            }
            BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number);
            total = total.add(value.multiply(BigDecimal.valueOf(scale)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX) > 0) throw new IllegalArgumentException("time: invalid duration " + quoted);
        return negative ? -nanos.longValue() : nanos.longValue();
    }
}
