package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One image history entry; {@code empty_layer} marks steps that produced no layer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record History(
        @JsonProperty("created") String created,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("empty_layer") Boolean emptyLayer) {

    public boolean isEmptyLayer() {
        return Boolean.TRUE.equals(emptyLayer);
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Override
    @JsonProperty("empty_layer")
    public Boolean emptyLayer() {
        return Boolean.TRUE.equals(emptyLayer) ? Boolean.TRUE : null;
    }
}
