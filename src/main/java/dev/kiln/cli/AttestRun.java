package dev.kiln.cli;

import dev.kiln.attest.AttestSpec;
import dev.kiln.attest.Attestations;
import dev.kiln.attest.provenance.BuildFacts;
import dev.kiln.attest.provenance.ContextMaterials;
import dev.kiln.attest.provenance.DockerfileMaterials;
import dev.kiln.attest.provenance.Material;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.output.Outputs;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.request.BuildRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The supply-chain step of {@code kiln build}: after the outputs are written, attest what was built (issue 15). */
record AttestRun(AttestSpec spec, BuildRequest req, Instant started, RecordingBases bases) {
    void after(Image image, Dockerfile df, String dockerfileText, Path context, RegistryImages registry, EventSink events)
            throws IOException {
        if (!spec.any()) return;
        Outputs.Spec out = req.outputs();
        List<Reference> pushed = new ArrayList<>();
        if (out.push()) {
            for (Reference d : out.destinations()) {
                if (pushed.stream().noneMatch(p -> p.name().equals(d.name()))) pushed.add(d); // once per repository
            }
        }
        if (pushed.isEmpty() && out.ociLayoutPath() == null) {
            events.emit(dev.kiln.event.Event.warn("attest", "--sbom/--provenance/--sign-key: nothing to attach to "
                    + "(attestations go to pushed destinations and --oci-layout-path, not to --tar-path)"));
            return;
        }
        String name = out.destinations().isEmpty() ? "image" : out.destinations().getFirst().name();
        Image layoutImage = out.ociLayoutPath() == null ? null : Outputs.layoutImage(image);
        var targets = new Attestations.Targets(pushed, registry.pushClient(), out.ociLayoutPath(), layoutImage, name);
        new Attestations(spec, events).attest(image, targets, facts(df, dockerfileText, context));
    }

    private BuildFacts facts(Dockerfile df, String dockerfileText, Path context) throws IOException {
        List<Material> materials = new ArrayList<>(bases.materials());
        if (spec.provenance() != null) materials.addAll(ContextMaterials.of(req.context().context(), context));
        materials.addAll(DockerfileMaterials.adds(df));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("reproducible", Boolean.toString(req.reproducible()));
        settings.put("isolation", String.valueOf(req.run().isolation()).toLowerCase(java.util.Locale.ROOT));
        settings.put("singleSnapshot", Boolean.toString(req.run().singleSnapshot()));
        Instant start = req.reproducible() ? Instant.EPOCH : started;
        Instant finish = req.reproducible() ? Instant.EPOCH : Instant.now();
        return new BuildFacts(req.context().dockerfile(), Digest.sha256(dockerfileText.getBytes(StandardCharsets.UTF_8)),
                req.context().context(), req.targets(), req.platform().toString(), materials, req.buildArgs(), settings,
                start, finish, Version.version());
    }
}
