package dev.kiln.event;

/** Receives events; implementations must be thread-safe (blobs upload on virtual threads). */
@FunctionalInterface
public interface EventSink {
    void emit(Event e);

    EventSink NONE = e -> { };
}
