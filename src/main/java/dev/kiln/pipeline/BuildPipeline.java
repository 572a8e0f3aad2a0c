package dev.kiln.pipeline;

import dev.kiln.step.FinalLayers;

import dev.kiln.fs.TreeDeleter;

/**
 * How one build overlaps its work (issue 12): scratch dirs deleted by {@code deleter} (in the background during a
 * real build), the output image's layers handed to {@code finalLayers} as soon as they are final, and up to
 * {@code parallelStages} independent stages built at once.
 */
public record BuildPipeline(TreeDeleter deleter, FinalLayers finalLayers, int parallelStages) {
    public BuildPipeline {
        if (parallelStages < 1) throw new IllegalArgumentException("parallelStages must be at least 1, got " + parallelStages);
    }

    /** Everything on the caller's thread, one stage after another: deletion inline, no early outputs. */
    public static BuildPipeline serial() {
        return new BuildPipeline(TreeDeleter.inline(), FinalLayers.NONE, 1);
    }

    /** Stages bounded by the machine's cores. */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
