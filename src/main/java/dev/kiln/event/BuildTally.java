package dev.kiln.event;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes events on and counts what a build's summary reports: steps, cache hits, blobs by placement. */
public final class BuildTally implements EventSink {
    private final EventSink next;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger pushed = new AtomicInteger();
    private final AtomicInteger mounted = new AtomicInteger();
    private final AtomicInteger existed = new AtomicInteger();

    public BuildTally(EventSink next) {
        this.next = next;
    }

    @Override
    public void emit(Event e) {
        switch (e) {
            case Event.StepFinished f -> {
                steps.incrementAndGet();
                if (f.cached()) cached.incrementAndGet();
            }
            case Event.LayerPushed p -> (switch (p.placement()) {
                case UPLOADED -> pushed;
                case MOUNTED -> mounted;
                case EXISTED -> existed;
            }).incrementAndGet();
            default -> { }
        }
        next.emit(e);
    }

    @Override
    public boolean accepts(Event.Level level) {
        return next.accepts(level); // what it counts is emitted unasked
    }

    /** The summary event of a build that took {@code elapsed} and made {@code digest}. */
    public Event.BuildFinished finished(Duration elapsed, String digest) {
        return new Event.BuildFinished(elapsed, digest, steps.get(), pushed.get(), mounted.get(), existed.get(), cached.get());
    }
}
