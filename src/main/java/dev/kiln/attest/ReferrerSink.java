package dev.kiln.attest;

import dev.kiln.image.BytesBlob;
import dev.kiln.image.Descriptor;

import java.io.IOException;
import java.util.List;

/** Where attestations of one image go: a registry repository ({@link RegistryReferrers}) or an OCI layout ({@link LayoutReferrers}). */
interface ReferrerSink {
    /** Stores each artifact as an OCI 1.1 artifact manifest whose subject is {@code subject}, findable as a referrer. */
    void attach(Descriptor subject, List<Artifact> artifacts) throws IOException;

    /** Stores a manifest and its blobs under a tag (cosign's {@code .sig} and {@code .att} images). */
    void putTagged(String tag, BytesBlob manifest, List<BytesBlob> blobs) throws IOException;
}
