package dev.kiln.attest.sbom;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The final image's packages plus those found only in scanned intermediate stages ({@code BUILDKIT_SBOM_SCAN_STAGE}):
 * a stage's package is added, marked with the stage's name, unless the same package (same version) at the same path
 * is listed already, by the image or by an earlier stage. With no stages the image's result is returned as it is.
 */
public final class StagePackages {
    private StagePackages() {}

    /** @param stages scan results by stage name, in build order */
    public static ImageScanner.Result merge(ImageScanner.Result image, Map<String, ImageScanner.Result> stages) {
        if (stages.isEmpty()) return image;
        List<SbomPackage> out = new ArrayList<>(image.packages());
        Set<String> seen = new HashSet<>();
        for (SbomPackage p : image.packages()) seen.add(identity(p));
        stages.forEach((name, scan) -> {
            for (SbomPackage p : scan.packages()) {
                if (seen.add(identity(p))) out.add(p.inStage(name));
            }
        });
        return new ImageScanner.Result(List.copyOf(out), image.distro());
    }

    private static String identity(SbomPackage p) {
        return p.record().key() + " " + (p.record().purl() == null ? "" : p.record().purl()) + " /" + p.path();
    }
}
