package dev.kiln.attest;

import dev.kiln.attest.provenance.BuildFacts;
import dev.kiln.attest.provenance.InTotoStatement;
import dev.kiln.attest.provenance.SlsaProvenance;
import dev.kiln.attest.sbom.ImageScanner;
import dev.kiln.attest.sbom.SbomFormat;
import dev.kiln.attest.sbom.SbomSubject;
import dev.kiln.attest.sign.CosignAttestations;
import dev.kiln.attest.sign.CosignImage;
import dev.kiln.attest.sign.CosignSignature;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attests a built image after it was written: SBOMs of its layers, SLSA provenance, a cosign signature; attached as
 * OCI 1.1 artifacts to every pushed destination ({@link RegistryReferrers}) and to the OCI layout output
 * ({@link LayoutReferrers}), never into the image itself. The SBOMs are made once; provenance and signatures name
 * each subject's own manifest digest (the layout's OCI copy may differ from the pushed image).
 */
public final class Attestations {
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String PREDICATE_TYPE = "in-toto.io/predicate-type";

    private final AttestSpec spec;
    private final EventSink events;

    public Attestations(AttestSpec spec, EventSink events) {
        this.spec = spec;
        this.events = events;
    }

    /** Where the image went: registry destinations (with the client that pushed them) and the OCI layout, if any. */
    public record Targets(List<Reference> pushed, RegistryClient client, Path layoutDir, Image layoutImage, String name) {}

    public void attest(Image image, Targets t, BuildFacts facts) throws IOException {
        if (!spec.any()) return;
        Instant created = created(image);
        List<Artifact> sboms = sboms(image, t.name(), created, facts.builderVersion());
        for (Reference dest : t.pushed()) {
            RegistryReferrers registry = new RegistryReferrers(t.client(), dest, events);
            attestTo(registry, dest.name(), image.manifestBlob().descriptor(), sboms, facts, created);
            if (spec.buildkit() && dest.tag() != null) buildKitLayout(registry, dest, image, sboms, facts, created);
        }
        if (t.layoutDir() != null) {
            attestTo(new LayoutReferrers(t.layoutDir()), t.name(), t.layoutImage().manifestBlob().descriptor(), sboms, facts, created);
            events.emit(Event.info("attest", "attestations written into OCI layout " + t.layoutDir()));
        }
    }

    /** Artifacts as referrers; with a signer also cosign's {@code .sig} (the digest) and {@code .att} (DSSE-signed statements). */
    private void attestTo(ReferrerSink sink, String name, Descriptor subject, List<Artifact> sboms, BuildFacts facts, Instant created)
            throws IOException {
        List<Artifact> artifacts = artifacts(sboms, name, subject.digest(), facts, created);
        if (!artifacts.isEmpty()) sink.attach(subject, artifacts);
        if (spec.signer() == null) return;
        CosignSignature sig = CosignSignature.sign(spec.signer(), name, subject.digest());
        sink.putTagged(ReferrersTag.signatureTag(subject.digest()), sig.manifest(), sig.blobs());
        events.emit(Event.info("attest", "signed " + name + "@" + subject.digest()));
        if (artifacts.isEmpty()) return;
        List<CosignAttestations.Statement> statements = new ArrayList<>();
        for (Artifact a : artifacts) statements.add(statement(a, name, subject.digest()));
        CosignImage att = CosignAttestations.sign(spec.signer(), statements);
        sink.putTagged(ReferrersTag.attestationTag(subject.digest()), att.manifest(), att.blobs());
    }

    /** {@code --attest-format=buildkit}: the tag becomes an index of the image and its attestation manifest. */
    private void buildKitLayout(RegistryReferrers registry, Reference dest, Image image, List<Artifact> sboms, BuildFacts facts,
                                Instant created) throws IOException {
        Digest digest = image.manifestBlob().descriptor().digest();
        List<Artifact> artifacts = artifacts(sboms, dest.name(), digest, facts, created);
        if (artifacts.isEmpty()) return;
        List<CosignAttestations.Statement> statements = new ArrayList<>();
        for (Artifact a : artifacts) statements.add(statement(a, dest.name(), digest));
        BuildKitAttestations bk = BuildKitAttestations.of(image, statements);
        registry.putByDigest(bk.attestationManifest(), bk.blobs());
        registry.putTagged(dest.tag(), bk.index(), List.of());
    }

    /** Provenance is already an in-toto statement; an SBOM becomes the predicate of one. */
    private static CosignAttestations.Statement statement(Artifact a, String name, Digest subject) throws IOException {
        if (a.artifactType().equals(SlsaProvenance.MEDIA_TYPE)) {
            return new CosignAttestations.Statement(SlsaProvenance.PREDICATE_TYPE, a.content());
        }
        for (SbomFormat f : SbomFormat.values()) {
            if (f.mediaType().equals(a.artifactType())) {
                return new CosignAttestations.Statement(f.predicateType(), InTotoStatement.around(name, subject, f.predicateType(), a.content()));
            }
        }
        throw new IllegalArgumentException("no in-toto predicate type for " + a.artifactType());
    }

    private List<Artifact> sboms(Image image, String name, Instant created, String version) throws IOException {
        if (spec.sboms().isEmpty()) return List.of();
        ImageScanner.Result scan = ImageScanner.scan(image);
        events.emit(Event.info("attest", "SBOM: " + scan.packages().size() + " packages in " + image.layers().size() + " layers"));
        SbomSubject subject = new SbomSubject(name, image.configBlob().descriptor().digest(), created, version);
        List<Artifact> out = new ArrayList<>();
        for (SbomFormat f : spec.sboms()) {
            out.add(new Artifact(f.mediaType(), f.write(subject, scan), Map.of(CREATED, created.toString())));
        }
        return out;
    }

    private List<Artifact> artifacts(List<Artifact> sboms, String name, Digest subject, BuildFacts facts, Instant created) {
        List<Artifact> out = new ArrayList<>(sboms);
        if (spec.provenance() != null) {
            out.add(new Artifact(SlsaProvenance.MEDIA_TYPE, SlsaProvenance.write(name, subject, facts, spec.provenance()),
                    Map.of(CREATED, created.toString(), PREDICATE_TYPE, SlsaProvenance.PREDICATE_TYPE)));
        }
        return out;
    }

    /** The image's own creation time (the epoch with {@code --reproducible}): the same image, the same documents. */
    static Instant created(Image image) {
        String c = image.config().created();
        if (c == null || c.isBlank()) return Instant.EPOCH;
        try {
            return Instant.parse(c);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
