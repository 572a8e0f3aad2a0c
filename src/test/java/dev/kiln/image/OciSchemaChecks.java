package dev.kiln.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks upstream's Go validator makes besides the JSON Schema (corpus README: "beyondSchema"):
 * descriptor digests of registered algorithms are lower-case hex of the right length, {@code data} is
 * padded standard base64, and every {@code config.Env} entry is {@code NAME=value}.
 */
final class OciSchemaChecks {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");
    private static final Pattern ENV = Pattern.compile("[^=]+=.*", Pattern.DOTALL);

    private OciSchemaChecks() {}

    static List<String> beyondSchema(String mediaType, JsonNode doc) {
        List<String> out = new ArrayList<>();
        switch (mediaType) {
            case "application/vnd.oci.descriptor.v1+json" -> descriptor(doc, "", out);
            case MediaTypes.OCI_MANIFEST -> {
                descriptor(doc.path("config"), "config", out);
                descriptor(doc.path("subject"), "subject", out);
                int i = 0;
                for (JsonNode l : doc.path("layers")) descriptor(l, "layers[" + i++ + "]", out);
            }
            case MediaTypes.OCI_INDEX -> {
                descriptor(doc.path("subject"), "subject", out);
                int i = 0;
                for (JsonNode m : doc.path("manifests")) descriptor(m, "manifests[" + i++ + "]", out);
            }
            case MediaTypes.OCI_CONFIG -> {
                for (JsonNode e : doc.path("config").path("Env")) {
                    if (e.isTextual() && !ENV.matcher(e.asText()).matches()) {
                        out.add("config.Env entry '" + e.asText() + "' is not NAME=value");
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    private static void descriptor(JsonNode d, String where, List<String> out) {
        if (!d.isObject()) return;
        String digest = d.path("digest").asText("");
        int colon = digest.indexOf(':');
        if (colon > 0) {
            String alg = digest.substring(0, colon);
            String hex = digest.substring(colon + 1);
            Pattern p = alg.equals("sha256") ? SHA256 : alg.equals("sha512") ? SHA512 : null;
            if (p != null && !p.matcher(hex).matches()) out.add(where + ".digest '" + digest + "' is not valid " + alg);
        }
        JsonNode data = d.get("data");
        if (data != null && data.isTextual()) {
            String s = data.asText();
            boolean ok = s.length() % 4 == 0;
            try {
                Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            if (!ok) out.add(where + ".data is not padded standard base64");
        }
    }
}
