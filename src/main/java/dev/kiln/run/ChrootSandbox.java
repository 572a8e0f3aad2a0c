package dev.kiln.run;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RUN in a chroot of the stage's rootfs. With namespaces (root on a host or CI runner): {@code unshare} a private
 * mount, pid and ipc namespace (plus net for network=none, uts for a hostname), mount /proc, /dev, /sys, resolv.conf
 * and hosts into the rootfs ({@link ChrootMounts}), then {@code setpriv} sets the group(s) and Docker's default
 * capability bounding set and {@code unshare --root --wd --setuid} chroots, enters the workdir and drops to the user.
 * The command is pid 1 of its namespace, so whatever it leaves running dies with it. Without namespaces (an
 * unprivileged pod) it degrades to {@link ChrootDegraded} and warns; it never fails only for lack of namespaces.
 */
public final class ChrootSandbox implements Sandbox {
    /** Docker's default capability set (moby oci/caps/defaults.go), for setpriv --bounding-set. */
    static final String BOUNDING_SET = "-all," + String.join(",", OciDefaults.CAPABILITIES.stream()
            .map(c -> "+" + c.substring("CAP_".length()).toLowerCase(java.util.Locale.ROOT)).toList());

    private final EventSink events;
    private final HostTools tools;
    private final ChrootSupport support;
    private final Path scratchParent;
    private final UserNamespace userns;
    private final AtomicBoolean warned = new AtomicBoolean();

    public ChrootSandbox(EventSink events, HostTools tools, ChrootSupport support) {
        this(events, tools, support, null, null);
    }

    private ChrootSandbox(EventSink events, HostTools tools, ChrootSupport support, Path scratchParent, UserNamespace userns) {
        this.events = events;
        this.tools = tools;
        this.support = support;
        this.scratchParent = scratchParent;
        this.userns = userns;
    }

    /** The same sandbox making its per-RUN scratch dirs in {@code dir} (null: the JVM's temp dir). */
    public ChrootSandbox withScratch(Path dir) {
        return new ChrootSandbox(events, tools, support, dir, userns);
    }

    /** The same sandbox for kiln as a non-root user: every RUN runs in {@code ns} ({@link UsernsChroot}). */
    public ChrootSandbox inUserNamespace(UserNamespace ns) {
        return new ChrootSandbox(events, tools, support, scratchParent, ns);
    }

    /** The user namespace RUN runs in, or null (kiln is root). */
    public UserNamespace userNamespace() {
        return userns;
    }

    /** Probes for namespaces on first use. */
    public ChrootSandbox(EventSink events, HostTools tools) {
        this(events, tools, ChrootSupport.probe(tools));
    }

    @Override
    public Isolation isolation() {
        return Isolation.CHROOT;
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        if (userns != null) return UsernsChroot.run(spec, tools, userns, scratchParent);
        PreparedRun prep = PreparedRun.of(spec);
        Path root = prep.root();
        ResolvedUser user = prep.user();
        List<String> env = prep.env();
        String why = support.whyDegraded();
        if (why != null) {
            if (warned.compareAndSet(false, true)) {
                events.emit(Event.warn("run", "chroot sandbox without namespaces: " + why
                        + "; RUN gets no /proc or /sys, device nodes made with mknod, the host's network"));
            }
            return ChrootDegraded.run(root, spec, user, env, tools);
        }
        Path scratch = SandboxFiles.scratch(scratchParent, "kiln-run-");
        int exit;
        List<String> sandboxPaths;
        try (SandboxFiles files = new SandboxFiles(root)) {
            Path hosts = HostsFile.write(scratch, spec.hostname());
            String script = ChrootMounts.fstabCapable(tools) ? ChrootMounts.fstabScript(files, spec, scratch, hosts, tools)
                    : ChrootMounts.script(files, spec, hosts, tools);
            List<String> cmd = new ArrayList<>(List.of(tools.require("unshare", "the chroot sandbox"),
                    "--mount", "--pid", "--ipc", "--fork", "--kill-child", "--propagation", "private"));
            if (spec.network() == NetworkMode.NONE) cmd.add("--net");
            if (!spec.hostname().isEmpty()) cmd.add("--uts");
            cmd.addAll(List.of("--", tools.require("sh", "the chroot sandbox"), "-c", script, "kiln-run"));
            cmd.addAll(exec(root, spec, user, env));
            exit = ProcessRunner.run(cmd, hostEnv(tools), root, spec, p -> { });
            sandboxPaths = files.containerPaths();
        } finally {
            HostsFile.delete(scratch);
        }
        return new RunResult(exit, sandboxPaths, false);
    }

    /** env -i ENV setpriv --regid G --groups … --bounding-set … unshare --root R --wd W [--setuid U] ARGV */
    private List<String> exec(Path root, RunSpec spec, ResolvedUser user, List<String> env) throws SandboxException {
        List<String> cmd = new ArrayList<>(List.of(tools.require("env", "the chroot sandbox"), "-i"));
        cmd.addAll(env);
        cmd.addAll(List.of(tools.require("setpriv", "the chroot sandbox"), "--regid", String.valueOf(user.gid())));
        cmd.addAll(user.supplementaryGids().isEmpty() ? List.of("--clear-groups") : List.of("--groups", user.groupList()));
        cmd.addAll(List.of("--bounding-set", BOUNDING_SET, "--", tools.require("unshare", "the chroot sandbox"),
                "--root=" + root, "--wd=" + spec.workdir()));
        if (user.uid() != 0) cmd.add("--setuid=" + user.uid());
        cmd.add("--");
        cmd.addAll(spec.argv());
        return cmd;
    }

    /** The environment of the host-side setup: only a PATH to find mount, mknod, ln, ip. */
    static Map<String, String> hostEnv(HostTools tools) {
        return Map.of("PATH", String.join(":", tools.dirs().stream().map(Path::toString).toList()), "LC_ALL", "C");
    }
}
