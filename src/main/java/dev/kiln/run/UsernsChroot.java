package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chroot sandbox when kiln is not root: everything runs in a user namespace ({@link UserNamespace}) whose root is
 * kiln's uid. In that namespace, still in the host's mount namespace, a shell (1) sets the owners and modes the image
 * says and disk does not ({@link RunSpec#owners}), (2) runs the usual chroot sandbox (private mount, pid and ipc
 * namespaces owned by the user namespace, /proc, a tmpfs /dev with the host's device nodes bound in, a read-only
 * /sys bind, resolv.conf and hosts) and (3) after the command, reports every path not owned by the namespace's root
 * or not readable and writable by its owner ({@link NsOwner}, find's {@code -printf}) and gives it back to kiln
 * (root of the namespace) with an owner-accessible mode, so kiln can read, snapshot and delete it outside. The report
 * is how the snapshot knows the owners the RUN set.
 */
final class UsernsChroot {
    private static final String REPORT = "owners";

    private UsernsChroot() {}

    static RunResult run(RunSpec spec, HostTools tools, UserNamespace userns, Path scratchParent) throws IOException {
        Path realRoot = spec.rootfs().toRealPath();
        List<Path> newDirs = missingDirs(realRoot, spec.workdir());
        PreparedRun prep = PreparedRun.of(spec, false);
        ResolvedUser user = prep.user();
        if (!userns.mapped(user.uid(), user.gid()) || !user.supplementaryGids().stream().allMatch(g -> userns.mapped(0, g))) {
            throw new SandboxException("RUN as user " + user.userspec() + " needs ids that kiln's user namespace does not map: "
                    + userns.describe() + "; give kiln's uid " + userns.kilnUid() + " subordinate ids in /etc/subuid and /etc/subgid"
                    + " (and install newuidmap/newgidmap), or run kiln as root");
        }
        Path root = prep.root();
        Path scratch = SandboxFiles.scratch(scratchParent, "kiln-run-");
        Path report = scratch.resolve(REPORT);
        try (SandboxFiles files = new SandboxFiles(root)) {
            String mounts = ChrootMounts.script(files, spec, HostsFile.write(scratch, spec.hostname()), tools, true);
            List<String> cmd = new ArrayList<>(List.of(tools.require("unshare", "RUN in a user namespace")));
            cmd.addAll(userns.unshareOptions());
            cmd.addAll(List.of("--", tools.require("sh", "RUN in a user namespace"), "-c",
                    outer(root, spec, user, newDirs, report, tools), "kiln-run", mounts));
            cmd.addAll(exec(root, spec, user, prep.env(), userns, tools));
            int exit = ProcessRunner.run(cmd, ChrootSandbox.hostEnv(tools), root, spec, p -> { });
            List<String> paths = files.containerPaths();
            if (!Files.isRegularFile(report)) {
                throw new SandboxException("RUN in a user namespace: the sandbox ended (exit code " + exit
                        + ") before it reported the owners the command left in " + root);
            }
            return new RunResult(exit, paths, false, null, NsOwner.parse(Files.readAllBytes(report)));
        } finally {
            HostsFile.delete(scratch); // the whole scratch dir, the report with it
        }
    }

    /** The shell run as the namespace's root: materialise owners, the mount namespace with the RUN, report and hand back. */
    private static String outer(Path root, RunSpec spec, ResolvedUser user, List<Path> newDirs, Path report, HostTools tools)
            throws SandboxException {
        List<String> l = new ArrayList<>();
        l.add("set -e");
        for (NsOwner o : spec.owners()) {
            Path p = inside(root, o.path());
            if (p == null) continue;
            l.add("chown -h " + o.uid() + ":" + o.gid() + " " + Sh.quote(p.toString()));
            if (o.mode() >= 0) l.add("chmod " + Integer.toOctalString(o.mode()) + " " + Sh.quote(p.toString()));
        }
        if (user.uid() != 0 || user.gid() != 0) {
            for (Path d : newDirs) l.add("chown -h " + user.userspec() + " " + Sh.quote(d.toString()));
        }
        l.add("ms=\"$1\"; shift");
        List<String> ns = new ArrayList<>(List.of(tools.require("unshare", "RUN in a user namespace"),
                "--mount", "--pid", "--ipc", "--fork", "--kill-child", "--propagation", "private"));
        if (spec.network() == NetworkMode.NONE) ns.add("--net");
        if (!spec.hostname().isEmpty()) ns.add("--uts");
        ns.addAll(List.of("--", tools.require("sh", "RUN in a user namespace"), "-c"));
        l.add("set +e");
        l.add(Sh.words(ns) + " \"$ms\" kiln-run \"$@\"");
        l.add("rc=$?");
        l.add("set -e");
        String find = Sh.quote(tools.require("find", "RUN in a user namespace")) + " " + Sh.quote(root.toString()) + " -xdev ";
        l.add(find + "\\( ! -uid 0 -o ! -gid 0 -o \\( -type d ! -perm -0700 \\) -o \\( ! -type d ! -type l ! -perm -0600 \\) \\)"
                + " -printf '%U %G %m %y %P\\0' > " + Sh.quote(report + ".part"));
        // chown clears setuid/setgid: set the mode again, so a file the RUN did not touch is as before but for its ctime
        l.add(find + "! -type l \\( ! -uid 0 -o ! -gid 0 \\) -exec sh -c "
                + Sh.quote("for f; do m=$(stat -c %a \"$f\") && chown 0:0 \"$f\" && chmod \"$m\" \"$f\"; done") + " kiln-owners {} +");
        l.add(find + "-type l \\( ! -uid 0 -o ! -gid 0 \\) -exec chown -h 0:0 {} +");
        l.add(find + "-type d ! -perm -0700 -exec chmod u+rwx {} +");
        l.add(find + "! -type d ! -type l ! -perm -0600 -exec chmod u+rw {} +");
        l.add("mv " + Sh.quote(report + ".part") + " " + Sh.quote(report.toString()));
        l.add("exit $rc");
        return String.join("\n", l) + "\n";
    }

    /** The host path of a container path whose parent resolves inside the rootfs; null when it does not exist. */
    private static Path inside(Path root, String containerPath) throws SandboxException {
        int slash = containerPath.lastIndexOf('/');
        String name = containerPath.substring(slash + 1);
        if (name.isEmpty() || name.equals("..") || name.equals(".")) return null;
        Path parent = RootfsPaths.resolve(root, slash <= 0 ? "/" : containerPath.substring(0, slash));
        Path p = parent.resolve(name);
        return p.startsWith(root) && Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
    }

    /** env -i ENV setpriv --regid G (groups) --bounding-set … unshare --root R --wd W [--setuid U] ARGV */
    private static List<String> exec(Path root, RunSpec spec, ResolvedUser user, List<String> env, UserNamespace userns,
                                     HostTools tools) throws SandboxException {
        List<String> cmd = new ArrayList<>(List.of(tools.require("env", "RUN in a user namespace"), "-i"));
        cmd.addAll(env);
        cmd.addAll(List.of(tools.require("setpriv", "RUN in a user namespace"), "--regid", String.valueOf(user.gid())));
        // with root mapped alone, setgroups is denied in the namespace: the groups stay as they are (root's)
        if (!userns.ranges()) cmd.add("--keep-groups");
        else cmd.addAll(user.supplementaryGids().isEmpty() ? List.of("--clear-groups") : List.of("--groups", user.groupList()));
        cmd.addAll(List.of("--bounding-set", ChrootSandbox.BOUNDING_SET, "--", tools.require("unshare", "RUN in a user namespace"),
                "--root=" + root, "--wd=" + spec.workdir()));
        if (user.uid() != 0) cmd.add("--setuid=" + user.uid());
        cmd.add("--");
        cmd.addAll(spec.argv());
        return cmd;
    }

    /** The directories of {@code containerPath} (itself first, then its parents) that do not exist yet. */
    private static List<Path> missingDirs(Path root, String containerPath) throws SandboxException {
        List<Path> out = new ArrayList<>();
        String p = containerPath.replaceAll("/+$", "");
        while (!p.isEmpty()) {
            Path h = RootfsPaths.resolve(root, p);
            if (Files.exists(h, LinkOption.NOFOLLOW_LINKS)) break;
            out.add(h);
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return out;
    }
}
