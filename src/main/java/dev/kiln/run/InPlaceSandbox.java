package dev.kiln.run;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kaniko's model: the rootfs is {@code /} of the container kiln runs in, and RUN executes right there with the
 * stage's env, user (setpriv when kiln is not already that user) and workdir, in its own session so whatever it
 * leaves running is killed afterwards. Refused unless kiln runs inside a container or {@code force} is set, since it
 * changes the machine's own root filesystem. Snapshots use {@link InPlaceIgnoreList}.
 */
public final class InPlaceSandbox implements Sandbox {
    private final EventSink events;
    private final HostTools tools;
    private final ContainerDetector detector;
    private final boolean force;
    private final Path procStatus;

    public InPlaceSandbox(EventSink events, HostTools tools, ContainerDetector detector, boolean force, Path procStatus) {
        this.events = events;
        this.tools = tools;
        this.detector = detector;
        this.force = force;
        this.procStatus = procStatus;
    }

    public InPlaceSandbox(EventSink events, HostTools tools, ContainerDetector detector, boolean force) {
        this(events, tools, detector, force, Path.of("/proc/self/status"));
    }

    @Override
    public Isolation isolation() {
        return Isolation.IN_PLACE;
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        Path root = spec.rootfs().toRealPath();
        if (!root.equals(Path.of("/"))) {
            throw new SandboxException("in-place isolation runs on / only, not on the rootfs " + spec.rootfs());
        }
        checkAllowed();
        if (!spec.mounts().isEmpty()) {
            throw new SandboxException("RUN --mount is not supported with in-place isolation (" + spec.mounts().size() + " mounts)");
        }
        if (spec.network() == NetworkMode.NONE) {
            events.emit(Event.warn("run", "in-place isolation cannot isolate the network: RUN --network=none uses the container's network"));
        }
        ResolvedUser user = UserResolver.resolve(root, spec.user());
        List<String> env = RunEnv.complete(spec.env(), user);
        Path workdir = RootfsPaths.mkdirs(root, spec.workdir(), user.uid(), user.gid());
        List<String> cmd = command(spec.argv(), user, ProcIdentity.read(procStatus), tools);
        Leftovers leftovers = Leftovers.system();
        int exit = ProcessRunner.run(cmd, envMap(env), workdir, spec, p -> leftovers.killSession(p.pid()));
        return new RunResult(exit, List.of(), false);
    }

    /** Throws unless this looks like a container or force is set (then warns). */
    void checkAllowed() throws SandboxException {
        String evidence = detector.containerEvidence();
        if (evidence != null) return;
        if (!force) {
            throw new SandboxException("refusing in-place RUN: kiln does not seem to run inside a container (no "
                    + "/.dockerenv, /run/.containerenv, container cgroup, overlay root or " + ContainerDetector.IN_CONTAINER_ENV
                    + "), and in-place RUN changes this machine's own /; use --isolation chroot or oci, or --force");
        }
        events.emit(Event.warn("run", "in-place RUN forced outside a container: commands change this machine's /"));
    }

    /** [setsid] [setpriv --reuid U --regid G --groups L|--clear-groups --] ARGV */
    static List<String> command(List<String> argv, ResolvedUser user, ProcIdentity current, HostTools tools)
            throws SandboxException {
        List<String> cmd = new ArrayList<>();
        tools.find("setsid").ifPresent(p -> cmd.add(p.toString()));
        if (!current.is(user)) {
            cmd.addAll(List.of(tools.require("setpriv", "in-place RUN as user " + user.uid()),
                    "--reuid", String.valueOf(user.uid()), "--regid", String.valueOf(user.gid())));
            cmd.addAll(user.supplementaryGids().isEmpty() ? List.of("--clear-groups") : List.of("--groups", user.groupList()));
            cmd.add("--");
        }
        if (cmd.isEmpty()) {
            cmd.add(tools.require("env", "in-place RUN"));
        }
        cmd.addAll(argv);
        return cmd;
    }

    static Map<String, String> envMap(List<String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            m.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return m;
    }
}
