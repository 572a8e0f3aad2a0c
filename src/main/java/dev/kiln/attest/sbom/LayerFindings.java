package dev.kiln.attest.sbom;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one layer says about packages: the metadata files it writes (parsed), the licence files and os-release it
 * writes, the paths it deletes with everything below them ({@code removed}: whiteouts), the directories it makes
 * opaque, and the metadata paths it overwrites with something that is not a regular file ({@code replaced}).
 * A layer's deletions apply to the layers below it only, so they are kept apart from what it writes.
 */
record LayerFindings(Map<String, List<PackageRecord>> packages, Map<String, List<String>> debLicenses,
                     Map<String, String> osRelease, Set<String> removed, Set<String> opaqueDirs, Set<String> replaced) {
    static LayerFindings empty() {
        return new LayerFindings(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    }
}
