package dev.kiln.attest.sbom;

import dev.kiln.image.Digest;

/**
 * A package of the final image: what its metadata declares, the file that declares it, and the layer since which
 * it has been there unchanged ({@code layerIndex} counts from 0, the base image's first layer; {@code layer} is
 * that layer's diff ID). {@code stage} is null for the final image's packages, else the name of the intermediate
 * stage that held it ({@code BUILDKIT_SBOM_SCAN_STAGE}); its layer is then that stage's.
 */
public record SbomPackage(PackageRecord record, String path, int layerIndex, Digest layer, String stage) {
    public SbomPackage(PackageRecord record, String path, int layerIndex, Digest layer) {
        this(record, path, layerIndex, layer, null);
    }

    SbomPackage inStage(String name) {
        return new SbomPackage(record, path, layerIndex, layer, name);
    }
}
