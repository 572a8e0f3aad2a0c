package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OCI image index or Docker manifest list. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Index(int schemaVersion, String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    public Index {
        if (schemaVersion != 2) throw new IllegalArgumentException("unsupported index schemaVersion " + schemaVersion);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    @Override
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<Descriptor> manifests() {
        return manifests;
    }

    /** The first image manifest whose platform matches (exact variant preferred). */
    public Optional<Descriptor> select(Platform want) {
        Optional<Descriptor> exact = manifests.stream()
                .filter(d -> d.platform() != null && MediaTypes.isManifest(d.mediaType()))
                .filter(d -> want.equals(Platform.normalize(d.platform().os(), d.platform().architecture(), d.platform().variant())))
                .findFirst();
        if (exact.isPresent()) return exact;
        return manifests.stream()
                .filter(d -> MediaTypes.isManifest(d.mediaType()) && want.matches(d.platform()))
                .findFirst();
    }
}
