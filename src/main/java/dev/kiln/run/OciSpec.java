package dev.kiln.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Json;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds the OCI runtime spec (config.json) for one RUN: process (args, env, cwd, user with additional gids, Docker's
 * default capabilities, RLIMIT_NOFILE), the rootfs as root (writable), the standard mounts plus resolv.conf, hosts
 * and the RUN's binds, namespaces pid/mount/ipc/uts (+network for network=none; default and host share the host's
 * network as buildah's chroot isolation does), runc's masked and read-only paths, no cgroup limits.
 */
final class OciSpec {
    private OciSpec() {}

    static ObjectNode build(Path rootfs, RunSpec spec, ResolvedUser user, List<String> env, Path hosts, Path resolv) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("ociVersion", OciDefaults.OCI_VERSION);
        ObjectNode process = c.putObject("process");
        process.put("terminal", false);
        ObjectNode u = process.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.supplementaryGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.supplementaryGids().forEach(gids::add);
        }
        strings(process.putArray("args"), spec.argv());
        strings(process.putArray("env"), env);
        process.put("cwd", spec.workdir());
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) strings(caps.putArray(set), OciDefaults.CAPABILITIES);
        ObjectNode nofile = process.putArray("rlimits").addObject();
        long limit = OciDefaults.nofile(Path.of("/proc/self/limits"));
        nofile.put("type", "RLIMIT_NOFILE").put("hard", limit).put("soft", limit);
        process.put("noNewPrivileges", false);
        c.putObject("root").put("path", rootfs.toString()).put("readonly", false);
        if (!spec.hostname().isEmpty()) c.put("hostname", spec.hostname());
        ArrayNode mounts = c.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(mounts, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620");
        mount(mounts, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        mount(mounts, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        if (resolv != null) mount(mounts, "/etc/resolv.conf", "bind", resolv.toString(), "rbind", "ro");
        mount(mounts, "/etc/hosts", "bind", hosts.toString(), "rbind", "ro");
        for (BindMount m : spec.mounts()) {
            mount(mounts, m.target(), "bind", m.source().toString(), "rbind", m.readonly() ? "ro" : "rw");
        }
        ObjectNode linux = c.putObject("linux");
        ArrayNode ns = linux.putArray("namespaces");
        for (String t : List.of("pid", "mount", "ipc", "uts")) ns.addObject().put("type", t);
        if (spec.network() == NetworkMode.NONE) ns.addObject().put("type", "network");
        linux.putObject("resources").putArray("devices").addObject().put("allow", false).put("access", "rwm");
        strings(linux.putArray("maskedPaths"), OciDefaults.MASKED_PATHS);
        strings(linux.putArray("readonlyPaths"), OciDefaults.READONLY_PATHS);
        return c;
    }

    private static void mount(ArrayNode mounts, String dest, String type, String source, String... options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", dest).put("type", type).put("source", source);
        strings(m.putArray("options"), List.of(options));
    }

    private static ArrayNode strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
        return a;
    }
}
