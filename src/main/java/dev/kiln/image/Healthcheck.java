package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A HEALTHCHECK as stored in the image config; durations in nanoseconds as Docker writes them. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Healthcheck(
        @JsonProperty("Test") List<String> test,
        @JsonProperty("Interval") long interval,
        @JsonProperty("Timeout") long timeout,
        @JsonProperty("StartPeriod") long startPeriod,
        @JsonProperty("StartInterval") long startInterval,
        @JsonProperty("Retries") int retries) {
    public Healthcheck {
        test = test == null ? null : List.copyOf(test);
    }
}
