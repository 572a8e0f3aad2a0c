package dev.kiln.cache;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the layer cache is used (Kaniko's flags): entries older than {@code ttl} are misses; RUN results are
 * cached when {@code runLayers}; COPY, ADD and WORKDIR when {@code copyLayers}; new entries are written
 * unless {@code !push} ({@code --no-push-cache}).
 */
public record CacheOptions(Duration ttl, boolean runLayers, boolean copyLayers, boolean push) {
    /** Kaniko's default {@code --cache-ttl}: two weeks. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(336);
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    public CacheOptions {
        if (ttl == null || ttl.isNegative()) throw new IllegalArgumentException("cache TTL must not be negative: " + ttl);
    }

    /** Parses a Go duration ({@code 336h}, {@code 1h30m}, {@code 10s}, {@code 0}) as Kaniko's flag takes it. */
    public static Duration parseDuration(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("empty duration");
        String t = s.strip();
        if (t.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(t);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            double v = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos = Math.addExact(nanos, (long) (v * unit));
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw new IllegalArgumentException("invalid duration '" + s + "' (expected e.g. 336h, 1h30m, 90s)");
        }
        return Duration.ofNanos(nanos);
    }
}
