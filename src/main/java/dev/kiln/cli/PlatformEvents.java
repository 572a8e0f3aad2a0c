package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;

/** Events of one platform's build in a multi-platform build: step and cache lines name the platform, as BuildKit's do. */
final class PlatformEvents {
    private PlatformEvents() {}

    static EventSink labelled(EventSink events, Platform platform) {
        String p = platform.toString();
        return e -> events.emit(switch (e) {
            case Event.StepStarted s -> new Event.StepStarted(p + " " + s.stage(), s.index(), s.count(), s.instruction());
            case Event.StepFinished s -> new Event.StepFinished(p + " " + s.stage(), s.index(), s.count(), s.instruction(),
                    s.elapsed(), s.cached());
            case Event.StepFailed s -> new Event.StepFailed(p + " " + s.stage(), s.index(), s.count(), s.instruction(),
                    s.elapsed(), s.error());
            case Event.CacheHit h -> new Event.CacheHit(p + " " + h.where(), h.key());
            case Event.CacheMiss m -> new Event.CacheMiss(p + " " + m.where(), m.key());
            default -> e;
        });
    }
}
