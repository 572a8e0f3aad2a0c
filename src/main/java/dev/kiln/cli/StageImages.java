package dev.kiln.cli;

import dev.kiln.attest.AttestSpec;
import dev.kiln.attest.sbom.ScanStages;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Image;
import dev.kiln.pipeline.StageListener;
import dev.kiln.request.BuildRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The images of the intermediate stages an SBOM scans too ({@code BUILDKIT_SBOM_SCAN_STAGE}), kept as the stages are
 * built (possibly concurrently); a stage is named by its {@code AS} name, else its index.
 */
final class StageImages implements StageListener {
    private final Set<Integer> wanted;
    private final Map<Integer, Map.Entry<String, Image>> built = new ConcurrentSkipListMap<>();

    private StageImages(Set<Integer> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    /** The stages that opted in when the build makes an SBOM; none otherwise. */
    static StageImages of(AttestSpec spec, Dockerfile df, BuildRequest req) {
        return new StageImages(spec.sboms().isEmpty() ? Set.of() : ScanStages.optedIn(df, req.buildArgs(), req.targets()));
    }

    /** The listener to give the builder: none when no stage is scanned, so such a build does nothing more. */
    StageListener listener() {
        return wanted.isEmpty() ? StageListener.NONE : this;
    }

    @Override
    public void built(Stage st, Image image) {
        if (wanted.contains(st.index())) {
            built.put(st.index(), Map.entry(st.name() != null ? st.name() : Integer.toString(st.index()), image));
        }
    }

    /** The scanned stages' images by name, in stage order. */
    Map<String, Image> images() {
        Map<String, Image> out = new LinkedHashMap<>();
        for (var e : built.values()) out.put(e.getKey(), e.getValue());
        return out;
    }
}
