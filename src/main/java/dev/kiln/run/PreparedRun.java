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
        Path root = spec.rootfs().toRealPath();
        ResolvedUser user = UserResolver.resolve(root, spec.user());
        List<String> env = RunEnv.complete(spec.env(), user);
        RootfsPaths.mkdirs(root, spec.workdir(), user.uid(), user.gid());
        return new PreparedRun(root, user, env);
    }
}
