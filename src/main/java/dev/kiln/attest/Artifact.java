package dev.kiln.attest;

import java.util.Map;
import java.util.TreeMap;

/**
 * One attestation to attach to an image as an OCI 1.1 artifact: its type (also the media type of its single blob),
 * the blob's bytes and the manifest annotations.
 */
public record Artifact(String artifactType, byte[] content, Map<String, String> annotations) {
    public Artifact {
        if (artifactType == null || artifactType.isBlank()) throw new IllegalArgumentException("artifact needs a type");
        content = content.clone();
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
