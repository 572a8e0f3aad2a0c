package dev.kiln.pipeline;

import dev.kiln.fs.TreeIndex;
import dev.kiln.image.Image;

/** A built stage: its image and, when it was needed, its filesystem index. */
public record StageResult(Image image, TreeIndex tree) {}
