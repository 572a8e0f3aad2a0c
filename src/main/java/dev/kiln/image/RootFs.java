package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** The {@code rootfs} of an image config: the ordered diff IDs of its layers. */
public record RootFs(@JsonProperty("type") String type,
                     @JsonProperty("diff_ids") @JsonInclude(JsonInclude.Include.ALWAYS) List<Digest> diffIds) {
    public RootFs {
        if (!"layers".equals(type)) throw new IllegalArgumentException("rootfs type must be 'layers', was " + type);
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }

    public static RootFs of(List<Digest> diffIds) {
        return new RootFs("layers", diffIds);
    }

    public RootFs plus(Digest diffId) {
        List<Digest> l = new ArrayList<>(diffIds);
        l.add(diffId);
        return new RootFs(type, l);
    }
}
