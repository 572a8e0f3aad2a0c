package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker v2 schema 2; same shape). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                       Map<String, String> annotations) {
    public Manifest {
        if (schemaVersion != 2) throw new IllegalArgumentException("unsupported manifest schemaVersion " + schemaVersion);
        if (config == null) throw new IllegalArgumentException("manifest has no config descriptor");
        layers = layers == null ? List.of() : List.copyOf(layers);
        // sorted, as Go's encoding/json writes map keys: the same annotations give the same manifest bytes
        annotations = annotations == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    public ManifestFormat format() {
        return ManifestFormat.ofManifestType(mediaType);
    }

    // layers must be serialized even when empty (OCI requires the field)
    @Override
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<Descriptor> layers() {
        return layers;
    }
}
