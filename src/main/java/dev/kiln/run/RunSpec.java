package dev.kiln.run;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One RUN to execute.
 *
 * @param rootfs   the stage's root filesystem on the host ({@code /} for in-place)
 * @param argv     the full command, shell form already prefixed with the stage's SHELL
 * @param env      {@code K=V} entries; the sandbox adds a default PATH and the user's HOME when missing
 * @param user     as Dockerfile USER: name or uid, optional {@code :group}; empty means root
 * @param workdir  absolute container path, created (owned by the user) when missing
 * @param hostname empty keeps the sandbox's default
 * @param mounts   extra bind mounts (RUN --mount)
 * @param stdout   receives the command's standard output ({@link LineOutputStream} adapts a line consumer)
 * @param stderr   receives its standard error
 * @param owners   kiln not root, RUN in a user namespace: owners and modes the image says and disk does not, set
 *                 inside the namespace before the command runs (empty otherwise)
 */
public record RunSpec(Path rootfs, List<String> argv, List<String> env, String user, String workdir,
                      NetworkMode network, String hostname, List<BindMount> mounts,
                      OutputStream stdout, OutputStream stderr, List<NsOwner> owners) {
    public RunSpec {
        Objects.requireNonNull(rootfs, "rootfs");
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isEmpty()) throw new IllegalArgumentException("RUN needs a command");
        env = List.copyOf(env);
        for (String e : env) {
            if (e.indexOf('=') < 1) throw new IllegalArgumentException("environment entry is not K=V: " + e);
        }
        user = user == null ? "" : user.trim();
        workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
        if (!workdir.startsWith("/")) throw new IllegalArgumentException("workdir must be absolute: " + workdir);
        network = network == null ? NetworkMode.DEFAULT : network;
        hostname = hostname == null ? "" : hostname;
        if (!hostname.matches("[A-Za-z0-9.-]{0,253}")) throw new IllegalArgumentException("invalid hostname: " + hostname);
        mounts = List.copyOf(mounts);
        stdout = stdout == null ? OutputStream.nullOutputStream() : stdout;
        stderr = stderr == null ? OutputStream.nullOutputStream() : stderr;
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    public static Builder builder(Path rootfs, List<String> argv) {
        return new Builder(rootfs, argv);
    }

    /** Optional parts with their defaults: no env, root, workdir /, default network, no mounts, output discarded. */
    public static final class Builder {
        private final Path rootfs;
        private final List<String> argv;
        private final List<String> env = new ArrayList<>();
        private final List<BindMount> mounts = new ArrayList<>();
        private final List<NsOwner> owners = new ArrayList<>();
        private String user = "";
        private String workdir = "/";
        private NetworkMode network = NetworkMode.DEFAULT;
        private String hostname = "";
        private OutputStream stdout;
        private OutputStream stderr;

        private Builder(Path rootfs, List<String> argv) {
            this.rootfs = rootfs;
            this.argv = List.copyOf(argv);
        }

        public Builder env(List<String> entries) { env.addAll(entries); return this; }
        public Builder env(String entry) { env.add(entry); return this; }
        public Builder user(String u) { user = u; return this; }
        public Builder workdir(String w) { workdir = w; return this; }
        public Builder network(NetworkMode n) { network = n; return this; }
        public Builder hostname(String h) { hostname = h; return this; }
        public Builder mount(BindMount m) { mounts.add(m); return this; }
        public Builder owners(List<NsOwner> o) { owners.addAll(o); return this; }
        public Builder stdout(OutputStream out) { stdout = out; return this; }
        public Builder stderr(OutputStream err) { stderr = err; return this; }
        public Builder stdoutLines(Consumer<String> lines) { return stdout(new LineOutputStream(lines)); }
        public Builder stderrLines(Consumer<String> lines) { return stderr(new LineOutputStream(lines)); }

        public RunSpec build() {
            return new RunSpec(rootfs, argv, env, user, workdir, network, hostname, mounts, stdout, stderr, owners);
        }
    }
}
