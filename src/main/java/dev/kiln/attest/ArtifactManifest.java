package dev.kiln.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Json;
import dev.kiln.image.MediaTypes;

import java.util.List;

/**
 * An artifact as the OCI image spec 1.1 writes one: an image manifest with {@code artifactType}, the empty config
 * ({@code application/vnd.oci.empty.v1+json}, {@code {}}), one layer holding the content, and {@code subject} naming
 * the image it is about. Everything but {@link #manifest()} is a blob to store before it.
 */
public record ArtifactManifest(BytesBlob manifest, List<BytesBlob> blobs, String artifactType) {
    public static final String EMPTY_TYPE = "application/vnd.oci.empty.v1+json";
    static final BytesBlob EMPTY = BytesBlob.of(EMPTY_TYPE, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    public static ArtifactManifest of(Artifact a, Descriptor subject) {
        BytesBlob content = BytesBlob.of(a.artifactType(), a.content());
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.put("artifactType", a.artifactType());
        m.set("config", Json.mapper().valueToTree(EMPTY.descriptor()));
        m.putArray("layers").add(Json.mapper().valueToTree(content.descriptor()));
        m.set("subject", Json.mapper().valueToTree(new Descriptor(subject.mediaType(), subject.digest(), subject.size())));
        if (!a.annotations().isEmpty()) m.set("annotations", Json.mapper().valueToTree(a.annotations()));
        return new ArtifactManifest(BytesBlob.of(MediaTypes.OCI_MANIFEST, Json.write(m)), List.of(EMPTY, content), a.artifactType());
    }

    /** The manifest's descriptor in a referrers index: with {@code artifactType} and the manifest's annotations. */
    ObjectNode indexEntry(java.util.Map<String, String> annotations) {
        ObjectNode d = Json.mapper().valueToTree(manifest.descriptor());
        d.put("artifactType", artifactType);
        if (!annotations.isEmpty()) d.set("annotations", Json.mapper().valueToTree(annotations));
        return d;
    }
}
