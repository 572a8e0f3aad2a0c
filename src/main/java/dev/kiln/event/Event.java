package dev.kiln.event;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened during a build, as a typed value. Everything below {@code cli} reports through an {@link EventSink};
 * only {@code cli} decides what to print and how. Each event has a level, a topic and a plain one-line
 * {@link #message()} (the text today's console prints). Messages never contain credentials or secret values.
 * Code with nothing more specific to say uses {@link Log} through {@link #info}/{@link #debug}, or {@link #warn}.
 */
public sealed interface Event {
    enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    Level level();

    String topic();

    /** The event as one line of plain text. */
    String message();

    static Log info(String topic, String message) { return new Log(Level.INFO, topic, message); }

    static Warning warn(String topic, String message) { return new Warning(topic, message); }

    static Log debug(String topic, String message) { return new Log(Level.DEBUG, topic, message); }

    static Log trace(String topic, String message) { return new Log(Level.TRACE, topic, message); }

    /** A message with no more specific type. */
    record Log(Level level, String topic, String message) implements Event {
        public Log {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Something the user should know: the build goes on. */
    record Warning(String topic, String message) implements Event {
        public Warning {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(message, "message");
        }

        @Override public Level level() { return Level.WARN; }
    }

    /**
     * A Dockerfile instruction begins.
     *
     * @param stage       the stage's name, or {@code stage-N}
     * @param index       1-based position in the stage (ONBUILD triggers first)
     * @param count       instructions in the stage
     * @param instruction the instruction as written
     */
    record StepStarted(String stage, int index, int count, String instruction) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "step"; }
        @Override public String message() { return "[" + stage + " " + index + "/" + count + "] " + instruction; }
    }

    /**
     * An instruction is done: executed, or replayed from the layer cache. INFO: progress renderers show it; the
     * Kaniko-style console ({@code --progress} none of tty/plain chose it) keeps it at debug as before.
     */
    record StepFinished(String stage, int index, int count, String instruction, Duration elapsed, boolean cached) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "step"; }
        @Override public String message() {
            return "[" + stage + " " + index + "/" + count + "] done in " + elapsed.toMillis() + " ms" + (cached ? " (cached)" : "");
        }
    }

    /** One line a RUN command wrote. */
    record RunOutput(String line, boolean stderr) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "run"; }
        @Override public String message() { return line; }
    }

    /** Which way a blob moves. */
    enum Direction { PULL, PUSH }

    /**
     * Bytes of a blob moved so far (upload or download).
     *
     * @param where     the repository ({@code registry/repo}) the blob comes from or goes to
     * @param total     the blob's size, or -1 when unknown
     * @param direction {@link Direction#PULL} for base-layer downloads, {@link Direction#PUSH} for uploads
     */
    record BlobProgress(String digest, String where, long bytes, long total, Direction direction) implements Event {
        public BlobProgress {
            Objects.requireNonNull(direction, "direction");
        }

        /** An upload's progress. */
        public BlobProgress(String digest, String where, long bytes, long total) {
            this(digest, where, bytes, total, Direction.PUSH);
        }

        @Override public Level level() { return Level.TRACE; }
        @Override public String topic() { return "progress"; }
        @Override public String message() { return digest + " " + where + ": " + bytes + (total >= 0 ? "/" + total : "") + " bytes"; }
    }

    /** How a blob got into a repository. */
    enum Placement { UPLOADED, MOUNTED, EXISTED }

    /**
     * A blob (layer or config) is in a destination repository.
     *
     * @param shortDigest {@code sha256:} and the first 12 hex digits
     * @param from        for {@link Placement#MOUNTED}: the repository mounted from; else null
     * @param size        bytes (uploaded ones)
     */
    record LayerPushed(String shortDigest, String destination, Placement placement, String from, long size) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "push"; }
        @Override public String message() {
            String how = switch (placement) {
                case UPLOADED -> "uploaded (" + size + " bytes)";
                case MOUNTED -> "mounted from " + from;
                case EXISTED -> "exists";
            };
            return shortDigest + " -> " + destination + ": " + how;
        }
    }

    /** The layer cache had a layer for an instruction: it is replayed, not executed. */
    record CacheHit(String where, String key) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "cache"; }
        @Override public String message() { return "using cached layer for " + where + " (" + key + ")"; }
    }

    /**
     * The layer cache had no layer for an instruction: it executes.
     *
     * @param where the instruction's place ({@code Dockerfile:7})
     * @param key   the first 12 hex digits of the cache key
     */
    record CacheMiss(String where, String key) implements Event {
        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "cache"; }
        @Override public String message() { return "no cached layer for " + where + " (" + key + "); executing"; }
    }

    /**
     * An instruction failed: every {@link StepStarted} ends with a {@link StepFinished} or this.
     *
     * @param error the failure's message (the build's error names it with the Dockerfile line)
     */
    record StepFailed(String stage, int index, int count, String instruction, Duration elapsed, String error) implements Event {
        public StepFailed {
            Objects.requireNonNull(error, "error");
        }

        @Override public Level level() { return Level.ERROR; }
        @Override public String topic() { return "step"; }
        @Override public String message() {
            return "[" + stage + " " + index + "/" + count + "] failed after " + elapsed.toMillis() + " ms: " + error;
        }
    }

    /**
     * The build is done and its outputs are written.
     *
     * @param digest  the image's manifest digest
     * @param pushed  blobs uploaded to destinations
     * @param mounted blobs mounted across repositories (no upload)
     * @param existed blobs the destination already had
     * @param cached  instructions replayed from the layer cache
     */
    record BuildFinished(Duration elapsed, String digest, int steps, int pushed, int mounted, int existed, int cached) implements Event {
        public BuildFinished {
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(digest, "digest");
        }

        @Override public Level level() { return Level.INFO; }
        @Override public String topic() { return "done"; }
        @Override public String message() {
            return "built image " + digest + " in " + Durations.text(elapsed) + ": " + steps + " steps (" + cached + " cached), layers "
                    + pushed + " pushed, " + mounted + " mounted, " + existed + " already there";
        }
    }
}
