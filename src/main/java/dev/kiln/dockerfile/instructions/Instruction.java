package dev.kiln.dockerfile.instructions;

/** One typed Dockerfile instruction (BuildKit's {@code instructions} package, one record per instruction). */
public sealed interface Instruction
        permits From, Copy, Add, Env, Arg, Label, Workdir, User, Expose, Cmd, Entrypoint, Volume, StopSignal,
        Healthcheck, Shell, Maintainer, Run, Onbuild {
    SourceLocation location();

    /** The instruction keyword in upper case, e.g. {@code COPY}. */
    default String keyword() {
        return getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }
}
