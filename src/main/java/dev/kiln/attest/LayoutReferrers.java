package dev.kiln.attest;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;
import dev.kiln.layout.OciLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Artifacts about the image of an OCI layout ({@code --oci-layout-path}), written into that layout: blobs, and each
 * artifact manifest as an untagged index.json entry whose {@code subject} is the layout's image manifest (the layout
 * holds the OCI-typed copy of the image, whose manifest digest can differ from the pushed one).
 */
public final class LayoutReferrers implements ReferrerSink {
    private final Path dir;

    public LayoutReferrers(Path dir) {
        this.dir = dir;
    }

    @Override
    public void attach(Descriptor subject, List<Artifact> artifacts) throws IOException {
        for (Artifact a : artifacts) {
            ArtifactManifest m = ArtifactManifest.of(a, subject);
            OciLayout.putManifest(dir, m.manifest(), m.blobs(), null);
        }
    }

    @Override
    public void putTagged(String refName, BytesBlob manifest, List<BytesBlob> blobs) throws IOException {
        OciLayout.putManifest(dir, manifest, blobs, refName);
    }
}
