package dev.kiln.event;

/**
 * A log/progress event. Everything below {@code cli} reports through an {@link EventSink}; only
 * {@code cli} decides what to print. Messages must never contain credentials or secret values.
 */
public record Event(Level level, String topic, String message) {
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    public static Event info(String topic, String message) { return new Event(Level.INFO, topic, message); }
    public static Event warn(String topic, String message) { return new Event(Level.WARN, topic, message); }
    public static Event debug(String topic, String message) { return new Event(Level.DEBUG, topic, message); }
    public static Event trace(String topic, String message) { return new Event(Level.TRACE, topic, message); }
}
