package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chroot sandbox where mounts and namespaces are refused (a default pod): coreutils {@code chroot
 * --userspec --groups}, device nodes made with mknod in the rootfs's /dev (removed afterwards), resolv.conf and
 * hosts written only where the image has none (removed afterwards), no /proc, the host's network. The command runs
 * in its own session ({@code setsid}); what it leaves behind is found by session and by root directory and killed.
 */
final class ChrootDegraded {
    private static final String CD_THEN_EXEC = "cd -- \"$1\" || exit 1; shift; exec \"$@\"";

    private ChrootDegraded() {}

    static RunResult run(Path root, RunSpec spec, ResolvedUser user, List<String> env, HostTools tools)
            throws IOException {
        int exit;
        List<String> sandboxPaths;
        try (SandboxFiles files = new SandboxFiles(root)) {
            List<String> cmd = new ArrayList<>();
            tools.find("setsid").ifPresent(p -> cmd.add(p.toString()));
            cmd.addAll(List.of(tools.require("sh", "the chroot sandbox"), "-c", script(files), "kiln-run"));
            cmd.addAll(List.of(tools.require("env", "the chroot sandbox"), "-i"));
            cmd.addAll(env);
            cmd.addAll(List.of(tools.require("chroot", "the chroot sandbox"), "--userspec=" + user.userspec(),
                    "--groups=" + user.groupList(), root.toString()));
            if (!spec.workdir().equals("/")) {
                if (!Files.exists(RootfsPaths.resolve(root, "/bin/sh"))) {
                    throw new SandboxException("WORKDIR " + spec.workdir() + " needs /bin/sh in the rootfs when "
                            + "the chroot sandbox runs without namespaces");
                }
                cmd.addAll(List.of("/bin/sh", "-c", CD_THEN_EXEC, "kiln-workdir", spec.workdir()));
            }
            cmd.addAll(spec.argv());
            Leftovers leftovers = Leftovers.system();
            exit = ProcessRunner.run(cmd, ChrootSandbox.hostEnv(tools), root, spec, p -> {
                leftovers.killSession(p.pid());
                leftovers.killRooted(root);
            });
            sandboxPaths = files.containerPaths();
        }
        return new RunResult(exit, sandboxPaths, true);
    }

    private static String script(SandboxFiles files) throws IOException {
        List<String> l = new ArrayList<>();
        files.dir("/dev");
        for (String[] d : ChrootMounts.DEVICES) {
            String name = "/dev/" + d[0];
            Path p = files.expect(name);
            if (files.createdHere(p)) {
                l.add("mknod -m 0666 " + Sh.quote(p.toString()) + " c " + d[1] + " " + d[2]
                        + " || echo 'kiln: cannot create " + name + " in the rootfs' >&2");
            }
        }
        for (String f : List.of("/etc/resolv.conf", "/etc/hosts")) {
            Path host = Path.of(f);
            byte[] content = f.equals("/etc/hosts")
                    ? HostsFile.content(host, "").getBytes(StandardCharsets.UTF_8)
                    : Files.isRegularFile(host) ? Files.readAllBytes(host) : new byte[0];
            files.file(f, content);
        }
        l.add("exec \"$@\"");
        return String.join("\n", l) + "\n";
    }
}
