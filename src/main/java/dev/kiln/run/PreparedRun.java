package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every sandbox does before starting a command: the real rootfs path, the USER resolved against the
 * rootfs's own passwd/group, the completed environment (PATH, HOME), and the working directory created.
 */
record PreparedRun(Path root, ResolvedUser user, List<String> env) {
    static PreparedRun of(RunSpec spec) throws IOException {
        return of(spec, true);
    }

    /** @param chownDirs false: a missing workdir is created with kiln's own owner (not root: the sandbox sets it) */
    static PreparedRun of(RunSpec spec, boolean chownDirs) throws IOException {
        Path root = spec.rootfs().toRealPath();
        ResolvedUser user = UserResolver.resolve(root, spec.user());
        List<String> env = RunEnv.complete(spec.env(), user);
        if (chownDirs) RootfsPaths.mkdirs(root, spec.workdir(), user.uid(), user.gid());
        else RootfsPaths.mkdirs(root, spec.workdir(), -1, -1);
        return new PreparedRun(root, user, env);
    }
}
