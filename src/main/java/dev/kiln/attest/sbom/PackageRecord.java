package dev.kiln.attest.sbom;

import java.util.List;

/**
 * A package as one metadata file declares it: name, version, package URL and the licences it declares (SPDX
 * identifiers or free text, as written), without where it was found. {@code arch} is set for distribution packages,
 * whose purl also names the distribution ({@link #forDistro}) once the whole image has been read.
 */
public record PackageRecord(Ecosystem ecosystem, String name, String version, String purl, List<String> licenses, String arch) {
    public PackageRecord {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("package needs a name");
        version = version == null ? "" : version;
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    public PackageRecord withLicenses(List<String> more) {
        return new PackageRecord(ecosystem, name, version, purl, more, arch);
    }

    /** A distribution package's purl with its namespace and {@code distro} qualifier ({@code pkg:deb/debian/…?distro=debian-12}). */
    PackageRecord forDistro(Distro distro) {
        if (!ecosystem.isOs()) return this;
        String ns = distro.id().isEmpty() ? (ecosystem == Ecosystem.DEB ? "debian" : "alpine") : distro.id();
        return new PackageRecord(ecosystem, name, version, Purls.of(ecosystem, ns, name, version, "arch", arch,
                "distro", distro.qualifier()), licenses, arch);
    }

    /** Identity for layer attribution: the same package at the same version. */
    String key() {
        return ecosystem + "/" + name + "@" + version;
    }
}
