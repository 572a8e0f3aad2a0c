package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The setup script the namespaced chroot sandbox runs inside its private mount namespace (started by
 * {@code unshare --mount --pid --ipc --fork}): /proc, a /dev with the standard nodes, /dev/pts, /dev/shm,
 * /dev/mqueue, a read-only /sys, read-only binds of resolv.conf and hosts, the RUN's extra binds; then
 * {@code exec "$@"}. Every mount target is resolved inside the rootfs first, so none can point outside it.
 * <p>As root ({@link #fstabScript}) the mounts are one {@code mount -a} of an fstab written for the run, and /dev is a
 * directory prepared in the run's scratch dir (symlinks, mount points; the host's device nodes bound onto empty
 * files, as rootless runc does): two processes instead of two dozen, about 0.1 s less per RUN.
 * In a user namespace ({@link #script} with {@code userns}) the commands run one by one.
 */
final class ChrootMounts {
    /** Standard device nodes: name, major, minor (as runc creates them). */
    static final List<String[]> DEVICES = List.of(
            new String[]{"null", "1", "3"}, new String[]{"zero", "1", "5"}, new String[]{"full", "1", "7"},
            new String[]{"random", "1", "8"}, new String[]{"urandom", "1", "9"}, new String[]{"tty", "5", "0"});

    private ChrootMounts() {}

    static String script(SandboxFiles files, RunSpec spec, Path hosts, HostTools tools) throws IOException {
        return script(files, spec, hosts, tools, false);
    }

    /**
     * @param userns run in a user namespace (kiln not root): device nodes cannot be made there, so the host's are
     *               bound onto empty files, as rootless runc does
     */
    static String script(SandboxFiles files, RunSpec spec, Path hosts, HostTools tools, boolean userns) throws IOException {
        List<String> l = new ArrayList<>();
        l.add("set -e");
        l.add("mount -t proc -o nosuid,nodev,noexec proc " + q(files.dir("/proc")));
        String dev = files.dir("/dev").toString();
        l.add("mount -t tmpfs -o nosuid,strictatime,mode=0755,size=65536k tmpfs " + q(dev));
        for (String[] d : DEVICES) {
            String node = q(dev + "/" + d[0]);
            l.add(userns ? ": > " + node + "\nmount --bind " + q("/dev/" + d[0]) + " " + node
                    : "mknod -m 0666 " + node + " c " + d[1] + " " + d[2]);
        }
        l.add("ln -s /proc/self/fd " + q(dev + "/fd"));
        for (String s : List.of("stdin", "stdout", "stderr")) {
            l.add("ln -s /proc/self/fd/" + List.of("stdin", "stdout", "stderr").indexOf(s) + " " + q(dev + "/" + s));
        }
        l.add("mkdir -m 0755 " + q(dev + "/pts") + " " + q(dev + "/shm") + " " + q(dev + "/mqueue"));
        l.add("mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts " + q(dev + "/pts"));
        l.add("ln -s pts/ptmx " + q(dev + "/ptmx"));
        l.add("mount -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k shm " + q(dev + "/shm"));
        l.add("mount -t mqueue -o nosuid,nodev,noexec mqueue " + q(dev + "/mqueue"));
        String sys = q(files.dir("/sys"));
        // in a user namespace sysfs needs a network namespace of its own: bind the host's read-only, quietly
        l.add("mount -t sysfs -o ro,nosuid,nodev,noexec sysfs " + sys + (userns ? " 2>/dev/null" : "")
                + " || { mount --rbind /sys " + sys + "; mount -o remount,bind,ro " + sys + "; }");
        Path resolv = Path.of("/etc/resolv.conf");
        if (Files.exists(resolv)) l.add(bind(resolv, files.file("/etc/resolv.conf", null), true));
        l.add(bind(hosts, files.file("/etc/hosts", null), true));
        for (BindMount m : spec.mounts()) {
            Path target = Files.isDirectory(m.source()) ? files.dir(m.target()) : files.file(m.target(), null);
            l.add(bind(m.source(), target, m.readonly()));
        }
        if (spec.network() == NetworkMode.NONE && tools.find("ip").isPresent()) l.add("ip link set lo up || true");
        if (!spec.hostname().isEmpty()) l.add("echo " + q(spec.hostname()) + " > /proc/sys/kernel/hostname");
        l.add("exec \"$@\"");
        return String.join("\n", l) + "\n";
    }

    /**
     * The setup as root: writes {@code scratch/fstab} and {@code scratch/dev} and returns the script that mounts them.
     * The /dev of the run is {@code scratch/dev} bound onto the rootfs's /dev (what the command writes there is
     * deleted with the scratch dir, as a tmpfs would forget it).
     */
    static String fstabScript(SandboxFiles files, RunSpec spec, Path scratch, Path hosts, HostTools tools) throws IOException {
        Path devDir = DevTree.make(scratch.resolve("dev"));
        String dev = files.dir("/dev").toString();
        List<String> tab = new ArrayList<>();
        tab.add(entry("proc", files.dir("/proc"), "proc", "nosuid,nodev,noexec"));
        tab.add(entry(devDir.toString(), dev, "none", "bind"));
        for (String[] d : DEVICES) {
            if (DevTree.hostHas(d[0])) tab.add(entry("/dev/" + d[0], dev + "/" + d[0], "none", "bind"));
        }
        tab.add(entry("devpts", dev + "/pts", "devpts", "newinstance,ptmxmode=0666,mode=0620"));
        tab.add(entry("shm", dev + "/shm", "tmpfs", "nosuid,nodev,noexec,mode=1777,size=65536k"));
        tab.add(entry("mqueue", dev + "/mqueue", "mqueue", "nosuid,nodev,noexec"));
        Path resolv = Path.of("/etc/resolv.conf");
        if (Files.exists(resolv)) tab.add(entry(resolv.toString(), files.file("/etc/resolv.conf", null), "none", "rbind,ro"));
        tab.add(entry(hosts.toString(), files.file("/etc/hosts", null), "none", "rbind,ro"));
        for (BindMount m : spec.mounts()) {
            Path target = Files.isDirectory(m.source()) ? files.dir(m.target()) : files.file(m.target(), null);
            tab.add(entry(m.source().toString(), target, "none", m.readonly() ? "rbind,ro" : "rbind"));
        }
        Path fstab = scratch.resolve("fstab");
        Files.writeString(fstab, String.join("\n", tab) + "\n");
        List<String> l = new ArrayList<>();
        l.add("set -e");
        l.add("mount -a -T " + q(fstab));
        String sys = q(files.dir("/sys"));
        l.add("mount -t sysfs -o ro,nosuid,nodev,noexec sysfs " + sys
                + " || { mount --rbind /sys " + sys + "; mount -o remount,bind,ro " + sys + "; }");
        if (spec.network() == NetworkMode.NONE && tools.find("ip").isPresent()) l.add("ip link set lo up || true");
        if (!spec.hostname().isEmpty()) l.add("echo " + q(spec.hostname()) + " > /proc/sys/kernel/hostname");
        l.add("exec \"$@\"");
        return String.join("\n", l) + "\n";
    }

    /**
     * Whether the host's {@code mount} reads an fstab given with {@code -T} (util-linux's); busybox's, a link to
     * busybox, does not, so the sandbox then mounts one command at a time ({@link #script}).
     */
    static boolean fstabCapable(HostTools tools) {
        return tools.find("mount").map(p -> {
            try {
                return !p.toRealPath().getFileName().toString().contains("busybox");
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }

    /** One fstab line; fields are escaped as fstab(5) and libmount read them (octal for blanks and backslashes). */
    static String entry(String source, Object target, String type, String options) {
        return field(source) + " " + field(target.toString()) + " " + type + " " + options + " 0 0";
    }

    static String field(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case ' ' -> b.append("\\040");
                case '\t' -> b.append("\\011");
                case '\n' -> b.append("\\012");
                case '\\' -> b.append("\\134");
                case '#' -> b.append("\\043");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String bind(Path source, Path target, boolean readonly) {
        String b = "mount --rbind " + q(source) + " " + q(target);
        return readonly ? b + "\nmount -o remount,bind,ro " + q(target) : b;
    }

    private static String q(Object s) {
        return Sh.quote(s.toString());
    }
}
