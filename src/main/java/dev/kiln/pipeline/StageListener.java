package dev.kiln.pipeline;

import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Image;

import java.io.IOException;

/**
 * Told of each stage as soon as it is built, with its image (layers and config, before the output's labels and
 * created time). Stages may build concurrently: implementations must be thread-safe. Used to SBOM-scan intermediate
 * stages after the build ({@code BUILDKIT_SBOM_SCAN_STAGE}, issue 15); a build without a listener does nothing more.
 */
@FunctionalInterface
public interface StageListener {
    StageListener NONE = (st, image) -> { };

    void built(Stage st, Image image) throws IOException;
}
