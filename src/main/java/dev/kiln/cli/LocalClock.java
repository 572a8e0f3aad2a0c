package dev.kiln.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the machine's time zone, which is looked up the first time a local time is formatted (a full
 * log timestamp, the text and json formats), not when the console is made: finding the default zone loads the
 * time-zone rules provider, a service lookup that opens every jar on kiln's class path (~120: 80 ms of CPU at the
 * start of every build, measured with async-profiler), and the default format only prints seconds since start.
 */
final class LocalClock extends Clock {
    private volatile ZoneId zone;

    static Clock system() {
        return new LocalClock();
    }

    private LocalClock() {}

    @Override
    public ZoneId getZone() {
        ZoneId z = zone;
        if (z == null) zone = z = ZoneId.systemDefault();
        return z;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return Clock.system(z);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
