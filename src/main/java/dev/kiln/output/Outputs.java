package dev.kiln.output;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageIndex;
import dev.kiln.image.Platform;
import dev.kiln.image.ManifestFormat;
import dev.kiln.layout.AtomicFiles;
import dev.kiln.layout.DockerArchive;
import dev.kiln.layout.IndexArchive;
import dev.kiln.layout.OciLayout;
import dev.kiln.registry.PushSession;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where a built image goes: registries, a docker-archive tarball, an OCI layout, digest files. */
public final class Outputs {
    /** The requested outputs; null paths are not written. */
    public record Spec(List<Reference> destinations, boolean push, Path tarPath, Path ociLayoutPath, Path digestFile,
                       Path imageNameWithDigestFile, Path imageNameTagWithDigestFile) {
        public Spec {
            destinations = List.copyOf(destinations);
        }
    }

    private final RegistryImages registry;
    private final EventSink events;

    public Outputs(RegistryImages registry, EventSink events) {
        this.registry = registry;
        this.events = events;
    }

    /** Writes every output; returns the manifest digest (the one the registry reported when pushed). */
    public Digest write(Image image, Spec spec) throws IOException {
        return write(image, spec, null);
    }

    /**
     * Writes every output, the push through {@code session} when given (its blobs offered during the build, the
     * manifest only after every blob is confirmed); returns the manifest digest.
     */
    public Digest write(Image image, Spec spec, PushSession session) throws IOException {
        Digest digest = image.manifestBlob().descriptor().digest();
        if (spec.push() && !spec.destinations().isEmpty()) {
            Map<Reference, Digest> pushed = session != null ? session.finish(image) : registry.push(image, spec.destinations());
            for (var e : pushed.entrySet()) digest = e.getValue();
        }
        if (spec.tarPath() != null) {
            List<String> tags = spec.destinations().stream().filter(r -> r.tag() != null).map(Reference::toString).toList();
            DockerArchive.write(image, spec.tarPath(), tags);
            events.emit(Event.info("output", "wrote docker archive " + spec.tarPath()));
        }
        if (spec.ociLayoutPath() != null) {
            String ref = layoutRef(spec);
            // an OCI layout holds OCI media types (what skopeo, umoci and oci-image-tool read); same layer blobs
            OciLayout.write(layoutImage(image), spec.ociLayoutPath(), ref);
            events.emit(Event.info("output", "wrote OCI layout " + spec.ociLayoutPath() + " (ref " + ref + ")"));
        }
        writeDigestFiles(spec, digest);
        return digest;
    }

    /**
     * Writes every output of a multi-platform build: the push through {@code session} when given (each platform's
     * manifest by digest, then the index under each tag), the OCI layout with the index as its entry; digest files
     * get the index digest. {@code --tar-path} gets a tarball that is both an OCI layout and a docker archive
     * ({@link IndexArchive}, as Docker 25's {@code docker save}).
     * @return the index digest
     */
    public Digest write(ImageIndex index, Spec spec, PushSession session) throws IOException {
        Digest digest = index.indexBlob().descriptor().digest();
        for (ImageIndex.PlatformImage p : index.images()) {
            events.emit(Event.info("output", "platform " + p.platform() + ": image " + p.image().manifestBlob().descriptor().digest()));
        }
        if (spec.push() && !spec.destinations().isEmpty()) {
            Map<Reference, Digest> pushed;
            if (session != null) pushed = session.finish(index);
            else try (PushSession s = registry.pushSession(spec.destinations(), dev.kiln.registry.PushGate.OPEN)) {
                pushed = s.finish(index);
            }
            for (var e : pushed.entrySet()) digest = e.getValue();
        }
        if (spec.tarPath() != null) {
            List<String> tags = spec.destinations().stream().filter(r -> r.tag() != null).map(Reference::toString).toList();
            IndexArchive.write(index, spec.tarPath(), layoutRef(spec), tags, Platform.host());
            events.emit(Event.info("output", "wrote image archive " + spec.tarPath() + " (an OCI layout and docker archive of "
                    + index.images().size() + " platforms)"));
        }
        if (spec.ociLayoutPath() != null) {
            String ref = layoutRef(spec);
            OciLayout.write(index.asOci(), spec.ociLayoutPath(), ref);
            events.emit(Event.info("output", "wrote OCI layout " + spec.ociLayoutPath() + " (ref " + ref + ", an index of "
                    + index.images().size() + " platforms)"));
        }
        writeDigestFiles(spec, digest);
        events.emit(Event.info("output", "image index " + digest + " (" + index.images().size() + " platforms)"));
        return digest;
    }

    private static String layoutRef(Spec spec) {
        return spec.destinations().isEmpty() || spec.destinations().getFirst().tag() == null
                ? "latest" : spec.destinations().getFirst().tag();
    }

    private static void writeDigestFiles(Spec spec, Digest digest) throws IOException {
        if (spec.digestFile() != null) writeAtomically(spec.digestFile(), digest.toString());
        if (spec.imageNameWithDigestFile() != null) {
            List<String> lines = new ArrayList<>();
            for (Reference r : spec.destinations()) lines.add(r.name() + "@" + digest);
            writeAtomically(spec.imageNameWithDigestFile(), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        }
        if (spec.imageNameTagWithDigestFile() != null) {
            List<String> lines = new ArrayList<>();
            for (Reference r : spec.destinations()) lines.add(r.withDigest(null) + "@" + digest);
            writeAtomically(spec.imageNameTagWithDigestFile(), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        }
    }

    /** The image as {@code --oci-layout-path} holds it: OCI media types, the same layer blobs. */
    public static Image layoutImage(Image image) {
        return new Image(ManifestFormat.OCI, image.config(), image.layers(), image.annotations());
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
