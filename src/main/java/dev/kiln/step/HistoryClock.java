package dev.kiln.step;

import dev.kiln.image.History;

import java.time.Instant;

/** Makes history entries as BuildKit does (comment {@code buildkit.dockerfile.v0}), all stamped with one build time. */
public record HistoryClock(Instant buildTime) {
    static final String COMMENT = "buildkit.dockerfile.v0";

    public String created() {
        return buildTime.toString();
    }

    History entry(String createdBy, boolean withLayer) {
        return new History(created(), createdBy, null, COMMENT, withLayer ? null : Boolean.TRUE);
    }
}
