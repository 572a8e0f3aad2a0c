package dev.kiln.event;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in progress lines: {@code 0.4s}, {@code 12.3s}, {@code 2m05s}. */
public final class Durations {
    private Durations() {}

    public static String text(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
