package dev.kiln.plan;

import dev.kiln.image.Platform;

import java.io.IOException;

/** Resolves a FROM image name (already expanded, not a stage name, not scratch) to an image. */
@FunctionalInterface
public interface BaseImageResolver {
    BaseImage resolve(String imageRef, Platform platform) throws IOException;
}
