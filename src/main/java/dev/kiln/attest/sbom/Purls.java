package dev.kiln.attest.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

import java.util.TreeMap;

/** Package URLs (purl spec) built with packageurl-java, so that names and versions are encoded as the spec says. */
final class Purls {
    private Purls() {}

    static String of(Ecosystem eco, String namespace, String name, String version, String... qualifiers) {
        TreeMap<String, String> q = new TreeMap<>();
        for (int i = 0; i + 1 < qualifiers.length; i += 2) {
            if (qualifiers[i + 1] != null && !qualifiers[i + 1].isEmpty()) q.put(qualifiers[i], qualifiers[i + 1]);
        }
        try {
            return new PackageURL(eco.purlType(), namespace == null || namespace.isEmpty() ? null : namespace, name,
                    version == null || version.isEmpty() ? null : version, q.isEmpty() ? null : q, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            return null; // a name the purl spec cannot express: the package is listed without a purl
        }
    }
}
