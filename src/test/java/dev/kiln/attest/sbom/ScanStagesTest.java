package dev.kiln.attest.sbom;

import dev.kiln.dockerfile.DockerfileParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Which intermediate stages BUILDKIT_SBOM_SCAN_STAGE opts in, as BuildKit decides it. */
class ScanStagesTest {
    private static final String TWO = """
            FROM busybox AS deps
            RUN true
            FROM busybox AS builder
            ARG BUILDKIT_SBOM_SCAN_STAGE=true
            RUN true
            FROM busybox
            COPY --from=builder /a /a
            """;

    private static Set<Integer> optedIn(String dockerfile, Map<String, String> args, List<String> targets) {
        return ScanStages.optedIn(DockerfileParser.parse(dockerfile, "Dockerfile"), args, targets);
    }

    @Test
    void aStageOptsInByDeclaringTheArgAndTheBuildArgOverridesItsValue() {
        assertEquals(Set.of(1), optedIn(TWO, Map.of(), List.of()));
        assertEquals(Set.of(), optedIn(TWO, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "false"), List.of()));
        assertEquals(Set.of(1), optedIn(TWO, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "deps,builder"), List.of()));
        assertEquals(Set.of(), optedIn(TWO, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "deps"), List.of()));
    }

    @Test
    void withoutADeclarationNothingIsScannedWhateverTheBuildArgSays() {
        String none = TWO.replace("ARG BUILDKIT_SBOM_SCAN_STAGE=true\n", "");
        assertEquals(Set.of(), optedIn(none, Map.of(), List.of()));
        assertEquals(Set.of(), optedIn(none, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "true"), List.of()));
    }

    @Test
    void aGlobalArgReachesEveryStageButNeverTheFinalOne() {
        String global = "ARG BUILDKIT_SBOM_SCAN_STAGE\n" + TWO.replace("ARG BUILDKIT_SBOM_SCAN_STAGE=true\n", "");
        assertEquals(Set.of(), optedIn(global, Map.of(), List.of()));
        assertEquals(Set.of(0, 1), optedIn(global, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "true"), List.of()));
        assertEquals(Set.of(0), optedIn(global, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "Deps"), List.of()));
        // --target builder: builder is the image itself, deps is scanned (the last stage is not built, so never reported)
        assertEquals(Set.of(0, 2), optedIn(global, Map.of("BUILDKIT_SBOM_SCAN_STAGE", "true"), List.of("builder")));
    }

    @Test
    void aStageDeclarationOverridesTheGlobalDefault() {
        String df = "ARG BUILDKIT_SBOM_SCAN_STAGE=true\n" + TWO.replace("BUILDKIT_SBOM_SCAN_STAGE=true", "BUILDKIT_SBOM_SCAN_STAGE=false");
        assertEquals(Set.of(0), optedIn(df, Map.of(), List.of()));
    }
}
