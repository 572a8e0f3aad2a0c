package dev.kiln.cli;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.pipeline.Builder;
import dev.kiln.pipeline.RunPlatforms;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.WordExpander;
import dev.kiln.run.Emulation;

/** Fails a build whose RUNs need a platform this machine cannot run (no binfmt handler) before anything is pulled. */
final class EmulationCheck {
    private EmulationCheck() {}

    static void require(Dockerfile df, Builder.Options opts, WordExpander words, Emulation emulation) {
        RunPlatforms.of(df, opts, words).forEach((platform, run) ->
                emulation.missing(platform).ifPresent(why -> { throw BuildException.at(run, why); }));
    }
}
