package dev.kiln.executor;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest's container as the testbed runs it: ctr-run.sh options from its securityContext (capabilities beyond the
 * default set dropped, allowPrivilegeEscalation, seccomp, readOnlyRootFilesystem), env and volume mounts, and its
 * command line exactly as a kubelet forms it (command, else the image's entrypoint; then args). The user it runs as
 * (runAsUser/runAsGroup) is not a ctr-run.sh option: ctr runs the image's own User, which {@link #user} must equal.
 */
final class PodContainer {
    /** containerd's (= Docker's) default capability set, which ctr-run.sh starts from. */
    static final Set<String> DEFAULT_CAPS = Set.of("CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW",
            "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE");

    private PodContainer() {}

    /** @param volumes volume name → host directory; @param env values for env vars set from secrets (valueFrom) */
    static List<String> options(Container c, Map<String, String> volumes, Map<String, String> env) {
        List<String> o = new ArrayList<>();
        SecurityContext sc = c.getSecurityContext();
        if (sc != null) {
            if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) o.add("--no-new-privs");
            if (sc.getSeccompProfile() != null && "RuntimeDefault".equals(sc.getSeccompProfile().getType())) o.add("--seccomp");
            if (Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) o.add("--read-only");
            Capabilities caps = sc.getCapabilities();
            if (caps != null) {
                boolean dropAll = caps.getDrop().contains("ALL");
                for (String cap : DEFAULT_CAPS) {
                    boolean dropped = dropAll ? !caps.getAdd().contains(cap) : caps.getDrop().contains(cap);
                    if (dropped) o.addAll(List.of("--cap-drop", "CAP_" + cap));
                }
                for (String cap : caps.getAdd()) {
                    if (!DEFAULT_CAPS.contains(cap)) throw new AssertionError("adds a capability beyond the default set: " + cap);
                }
            }
        }
        for (EnvVar e : c.getEnv()) {
            String v = e.getValue() != null ? e.getValue() : env.get(e.getName());
            if (v == null) throw new AssertionError("no test value for env " + e.getName());
            o.addAll(List.of("-e", e.getName() + "=" + v));
        }
        for (VolumeMount m : c.getVolumeMounts()) {
            String host = volumes.get(m.getName());
            if (host == null) throw new AssertionError("no test directory for volume " + m.getName());
            o.addAll(List.of("-v", host + ":" + m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : "")));
        }
        if (c.getWorkingDir() != null) o.addAll(List.of("-w", c.getWorkingDir()));
        return o;
    }

    /**
     * {@code uid:gid} the kubelet runs {@code c} as (the container's runAsUser/runAsGroup over the pod's), or null when
     * neither says a user (the image's User then).
     */
    static String user(PodSecurityContext pod, Container c) {
        SecurityContext sc = c.getSecurityContext();
        Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        Long gid = sc != null && sc.getRunAsGroup() != null ? sc.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
        if (uid == null) return null;
        return uid + ":" + (gid != null ? gid : 0);
    }

    static List<String> argv(Container c, List<String> imageEntrypoint) {
        List<String> argv = new ArrayList<>(c.getCommand().isEmpty() ? imageEntrypoint : c.getCommand());
        argv.addAll(c.getArgs());
        return argv;
    }
}
