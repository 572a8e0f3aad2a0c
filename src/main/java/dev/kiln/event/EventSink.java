package dev.kiln.event;

/** Receives events; implementations must be thread-safe (blobs upload on virtual threads). */
@FunctionalInterface
public interface EventSink {
    void emit(Event e);

    /**
     * Whether events of this level are wanted at all; emitters of many fine-grained events (per request, per file)
     * ask first so that they build no message nobody reads. Default: yes.
     */
    default boolean accepts(Event.Level level) {
        return true;
    }

    EventSink NONE = new EventSink() {
        @Override
        public void emit(Event e) { }

        @Override
        public boolean accepts(Event.Level level) {
            return false;
        }
    };
}
