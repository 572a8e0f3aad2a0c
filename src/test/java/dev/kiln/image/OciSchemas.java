package dev.kiln.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kiln.testsupport.TestEnv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates JSON documents against the OCI image-spec JSON Schemas in
 * {@code corpora/oci-image-spec-schema/schema} (draft-04), plus the checks upstream's Go validator makes
 * beyond the schema (see OciSchemaChecks). Schema ids under {@code https://opencontainers.org/schema/} are
 * served from those files, never fetched.
 */
public final class OciSchemas {
    private static final String BASE = "https://opencontainers.org/schema/";
    /** media type -> root schema id (upstream schema/schema.go). */
    private static final Map<String, String> ROOTS = Map.of(
            "application/vnd.oci.descriptor.v1+json", BASE + "descriptor",
            "application/vnd.oci.layout.header.v1+json", BASE + "image/layout",
            MediaTypes.OCI_MANIFEST, BASE + "image/manifest",
            MediaTypes.OCI_INDEX, BASE + "image/index",
            MediaTypes.OCI_CONFIG, BASE + "image/config");
    /** last path segment of a schema id -> file (the other ids end in the file name itself). */
    private static final Map<String, String> FILES = Map.of(
            "config", "config-schema.json", "descriptor", "content-descriptor.json",
            "index", "image-index-schema.json", "layout", "image-layout-schema.json",
            "manifest", "image-manifest-schema.json", "mediaType", "defs-descriptor.json");

    private final Path dir;
    private final JsonSchemaFactory factory;
    private final ObjectMapper mapper = new ObjectMapper();

    private OciSchemas(Path dir) {
        this.dir = dir;
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.schemaLoaders(l -> l.add(iri -> {
            String s = iri.toString();
            if (!s.startsWith(BASE)) return null;
            String last = s.substring(s.lastIndexOf('/') + 1);
            Path f = dir.resolve(last.endsWith(".json") ? last : FILES.getOrDefault(last, last));
            return Files.isRegularFile(f) ? () -> Files.newInputStream(f) : null;
        })));
    }

    /** The schemas of the corpus (skips, or fails under CI, when the corpora are missing). */
    public static OciSchemas load() {
        return new OciSchemas(TestEnv.corpora().resolve("oci-image-spec-schema").resolve("schema"));
    }

    public Path dir() {
        return dir;
    }

    /** Every reason {@code json} is not a valid document of {@code mediaType}; empty when it is valid. */
    public List<String> errors(String mediaType, String json) {
        String root = ROOTS.get(mediaType);
        if (root == null) throw new IllegalArgumentException("no OCI schema for media type " + mediaType);
        JsonNode doc;
        try {
            doc = mapper.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(root), config);
        Set<ValidationMessage> msgs = schema.validate(doc);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : msgs) out.add(m.getMessage());
        out.addAll(OciSchemaChecks.beyondSchema(mediaType, doc));
        return out;
    }

    public List<String> errors(String mediaType, byte[] json) {
        return errors(mediaType, new String(json, StandardCharsets.UTF_8));
    }

    /** Throws an AssertionError listing the reasons unless {@code json} is valid. */
    public void assertValid(String mediaType, byte[] json) {
        List<String> errs = errors(mediaType, json);
        if (!errs.isEmpty()) {
            throw new AssertionError(mediaType + " document is invalid: " + errs + "\n"
                    + new String(json, StandardCharsets.UTF_8));
        }
    }
}
