package dev.kiln.attest.sbom;

import java.util.LinkedHashMap;
import java.util.Map;

/** The distribution an image declares in {@code /etc/os-release} (or {@code /usr/lib/os-release}): id and version. */
public record Distro(String id, String versionId) {
    public static final Distro UNKNOWN = new Distro("", "");

    static Distro parse(String osRelease) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : osRelease.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) continue;
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) value = value.substring(1, value.length() - 1);
            v.put(line.substring(0, eq).trim(), value);
        }
        return new Distro(v.getOrDefault("ID", ""), v.getOrDefault("VERSION_ID", ""));
    }

    /** The purl {@code distro} qualifier, e.g. {@code debian-12}; empty when unknown. */
    String qualifier() {
        if (id.isEmpty()) return "";
        return versionId.isEmpty() ? id : id + "-" + versionId;
    }
}
