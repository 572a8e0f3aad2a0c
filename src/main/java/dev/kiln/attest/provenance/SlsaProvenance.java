package dev.kiln.attest.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An in-toto Statement v1 whose predicate is SLSA Provenance v1: the subject is the image (name and manifest digest);
 * {@code buildDefinition} states the Dockerfile (digest), targets, platform, context and, in max mode, the build
 * arguments; {@code resolvedDependencies} the materials; {@code runDetails} kiln as the builder and the build's times.
 */
public final class SlsaProvenance {
    public static final String MEDIA_TYPE = "application/vnd.in-toto+json";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILDER_ID = "https://kiln.dev/builder/kiln";
    public static final String BUILD_TYPE = "https://kiln.dev/buildtypes/dockerfile/v1";
    /** Build argument names never stated, in any mode: they look like secrets. */
    static final Pattern SECRET = Pattern.compile("(?i).*(secret|passw|token|key|credential|auth|private|cert|session|cookie|signature).*");

    private SlsaProvenance() {}

    public static byte[] write(String subjectName, Digest subject, BuildFacts f, ProvenanceMode mode) {
        ObjectNode st = InTotoStatement.head(subjectName, subject, PREDICATE_TYPE);
        ObjectNode predicate = st.putObject("predicate");
        ObjectNode def = predicate.putObject("buildDefinition");
        def.put("buildType", BUILD_TYPE);
        ObjectNode ext = def.putObject("externalParameters");
        ObjectNode df = ext.putObject("dockerfile");
        df.put("path", f.dockerfile());
        df.putObject("digest").put(f.dockerfileDigest().algorithm(), f.dockerfileDigest().hex());
        ext.put("context", f.context());
        ArrayNode targets = ext.putArray("targets");
        f.targets().forEach(targets::add);
        ext.put("platform", f.platform());
        if (mode == ProvenanceMode.MAX) {
            ObjectNode args = ext.putObject("buildArgs");
            for (Map.Entry<String, String> e : f.buildArgs().entrySet()) {
                if (!SECRET.matcher(e.getKey()).matches()) args.put(e.getKey(), e.getValue());
            }
            ObjectNode internal = def.putObject("internalParameters");
            f.settings().forEach(internal::put);
        }
        ArrayNode deps = def.putArray("resolvedDependencies");
        for (Material m : f.materials()) {
            ObjectNode d = deps.addObject();
            d.put("uri", m.uri());
            if (m.algorithm() != null) d.putObject("digest").put(m.algorithm(), m.hex());
        }
        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", BUILDER_ID);
        builder.putObject("version").put("kiln", f.builderVersion());
        ObjectNode meta = run.putObject("metadata");
        meta.put("startedOn", time(f.started()));
        meta.put("finishedOn", time(f.finished()));
        return Json.write(st);
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
