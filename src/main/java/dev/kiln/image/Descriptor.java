package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** An OCI content descriptor. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(String mediaType, Digest digest, long size,
                         List<String> urls, Map<String, String> annotations, Platform platform) {
    public Descriptor {
        if (mediaType == null || mediaType.isBlank()) throw new IllegalArgumentException("descriptor needs a mediaType");
        if (digest == null) throw new IllegalArgumentException("descriptor needs a digest");
        if (size < 0) throw new IllegalArgumentException("descriptor size must be >= 0, was " + size);
        urls = urls == null ? null : List.copyOf(urls);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, null, null);
    }

    public Descriptor withMediaType(String type) {
        return new Descriptor(type, digest, size, urls, annotations, platform);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, urls, annotations, p);
    }

    public Descriptor withAnnotations(Map<String, String> a) {
        return new Descriptor(mediaType, digest, size, urls, a, platform);
    }
}
