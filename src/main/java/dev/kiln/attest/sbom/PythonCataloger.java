package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python distributions: {@code <name>.dist-info/METADATA} (wheels, pip) and {@code <name>.egg-info/PKG-INFO} or an
 * {@code .egg-info} file (setuptools): the core-metadata headers {@code Name}, {@code Version}, {@code License-Expression}
 * or a one-line {@code License}.
 */
final class PythonCataloger implements Cataloger {
    @Override
    public boolean wants(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info");
    }

    @Override
    public List<PackageRecord> read(String path, InputStream in) throws IOException {
        String name = null, version = null, expression = null, license = null;
        for (String line : new String(LimitedRead.all(in, path), StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isEmpty()) break; // the body (description) follows the headers
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) continue;
            String k = line.substring(0, colon), v = line.substring(colon + 1).strip();
            switch (k) {
                case "Name" -> name = v;
                case "Version" -> version = v;
                case "License-Expression" -> expression = v;
                case "License" -> license = v;
                default -> { }
            }
        }
        if (name == null || name.isBlank()) return List.of();
        List<String> licenses = new ArrayList<>();
        if (expression != null && !expression.isBlank()) licenses.add(expression);
        else if (license != null && !license.isBlank() && !license.equalsIgnoreCase("UNKNOWN") && license.length() <= 100) licenses.add(license);
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        return List.of(new PackageRecord(Ecosystem.PYPI, name, version, Purls.of(Ecosystem.PYPI, null, normalized, version), licenses, null));
    }
}
