package dev.kiln.attest.sbom;

import dev.kiln.image.Digest;

/**
 * A package of the final image: what its metadata declares, the file that declares it, and the layer since which
 * it has been there unchanged ({@code layerIndex} counts from 0, the base image's first layer; {@code layer} is
 * that layer's diff ID).
 */
public record SbomPackage(PackageRecord record, String path, int layerIndex, Digest layer) {}
