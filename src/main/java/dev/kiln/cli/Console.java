package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

/** Where a command's events are rendered; {@link #close()} ends a live display (its final lines) before errors print. */
interface Console extends EventSink, AutoCloseable {
    @Override
    void close();

    /** A sink that renders each event as it comes and has nothing to end. */
    static Console of(EventSink sink) {
        return new Console() {
            @Override public void emit(Event e) { sink.emit(e); }
            @Override public boolean accepts(Event.Level level) { return sink.accepts(level); }
            @Override public void close() { }
        };
    }
}
