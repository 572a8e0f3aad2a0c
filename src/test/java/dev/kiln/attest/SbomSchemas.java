package dev.kiln.attest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The official SBOM schemas, never fetched: SPDX 2.3 from {@code src/test/resources/attest/spdx-schema-2.3.json}
 * (spdx/spdx-spec, tag v2.3, {@code schemas/spdx-schema.json}) and CycloneDX 1.6 as shipped inside the CycloneDX Java
 * core library ({@code bom-1.6.schema.json} with its {@code spdx.schema.json} and {@code jsf-0.82.schema.json}).
 */
public final class SbomSchemas {
    private static final String CDX = "http://cyclonedx.org/schema/";
    private static final String SPDX_ID = "http://spdx.org/rdf/terms/2.3";

    private SbomSchemas() {}

    public static List<String> spdxErrors(byte[] json) throws IOException {
        return errors(SPDX_ID, json);
    }

    public static List<String> cycloneDxErrors(byte[] json) throws IOException {
        return errors(CDX + "bom-1.6.schema.json", json);
    }

    private static List<String> errors(String root, byte[] json) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b.schemaLoaders(l -> l.add(iri -> {
            String s = iri.toString();
            if (s.equals(SPDX_ID)) return () -> resource("/attest/spdx-schema-2.3.json");
            if (s.startsWith(CDX)) return () -> resource("/" + s.substring(CDX.length()));
            return null;
        })));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(root), config);
        return schema.validate(new ObjectMapper().readTree(json)).stream().map(ValidationMessage::toString).toList();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SbomSchemas.class.getResourceAsStream(name);
        if (in == null) throw new IOException("schema resource " + name + " not found");
        return in;
    }
}
