package dev.kiln.attest.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SPDX licence identifiers, as listed by the CycloneDX library's own {@code spdx.schema.json}: a declared licence is
 * written as an identifier or expression only when every identifier in it is one of these; anything else is free text.
 */
final class SpdxLicenses {
    private static final Pattern OPERATOR = Pattern.compile("\\s+(?:AND|OR|WITH)\\s+");
    private static final Set<String> IDS = load();
    private static final Map<String, String> LOWER = lowerCase();

    private SpdxLicenses() {}

    /** The canonical identifier for a single licence id (case-insensitive), or null. */
    static String id(String s) {
        return LOWER.get(s.strip().toLowerCase(Locale.ROOT));
    }

    /** True for an expression (two or more ids joined by AND/OR/WITH, parentheses allowed) made of known ids. */
    static boolean isExpression(String s) {
        String[] parts = OPERATOR.split(s.replace("(", " ").replace(")", " ").strip());
        if (parts.length < 2) return false;
        for (String p : parts) {
            String t = p.strip();
            if (t.endsWith("+")) t = t.substring(0, t.length() - 1);
            if (!IDS.contains(t) && !t.contains("exception")) return false; // WITH takes an exception id
        }
        return true;
    }

    private static Set<String> load() {
        try (InputStream in = SpdxLicenses.class.getResourceAsStream("/spdx.schema.json")) {
            if (in == null) return Set.of();
            Set<String> ids = new HashSet<>();
            JsonNode n = Json.mapper().readTree(in);
            for (JsonNode id : n.path("enum")) ids.add(id.asText());
            return Set.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPDX licence list of the CycloneDX library", e);
        }
    }

    private static Map<String, String> lowerCase() {
        Map<String, String> m = new java.util.HashMap<>();
        for (String id : IDS) m.put(id.toLowerCase(Locale.ROOT), id);
        return Map.copyOf(m);
    }
}
