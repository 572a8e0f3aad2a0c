package dev.kiln.attest.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** npm packages: {@code node_modules/<name>/package.json} and {@code node_modules/@scope/<name>/package.json}. */
final class NpmCataloger implements Cataloger {
    private static final Pattern PACKAGE_JSON = Pattern.compile("(?:.*/)?node_modules/(?:@[^/]+/)?[^/@][^/]*/package\\.json");

    @Override
    public boolean wants(String path) {
        return path.endsWith("/package.json") && PACKAGE_JSON.matcher(path).matches();
    }

    @Override
    public List<PackageRecord> read(String path, InputStream in) throws IOException {
        JsonNode n;
        try {
            n = Json.mapper().readTree(LimitedRead.all(in, path));
        } catch (IOException e) {
            return List.of(); // not JSON: not a package
        }
        String name = n.path("name").asText("");
        if (name.isBlank()) return List.of();
        String version = n.path("version").asText("");
        List<String> licenses = new ArrayList<>();
        JsonNode lic = n.get("license");
        if (lic != null && lic.isTextual()) licenses.add(lic.asText());
        else if (lic != null && lic.has("type")) licenses.add(lic.path("type").asText());
        for (JsonNode l : n.path("licenses")) if (l.has("type")) licenses.add(l.path("type").asText());
        String ns = null, local = name;
        if (name.startsWith("@") && name.contains("/")) {
            ns = name.substring(0, name.indexOf('/'));
            local = name.substring(name.indexOf('/') + 1);
        }
        return List.of(new PackageRecord(Ecosystem.NPM, name, version, Purls.of(Ecosystem.NPM, ns, local, version), licenses, null));
    }
}
