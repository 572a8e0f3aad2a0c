package dev.kiln.executor;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes Pod Security Standards' "restricted" profile (kubernetes.io/docs/concepts/security/pod-security-standards,
 * the checks of the baseline level and the restricted ones), checked offline against a pod spec the way the
 * PodSecurity admission controller of a namespace labelled {@code enforce: restricted} would admit or refuse it.
 * AppArmor, SELinux, /proc mount type and sysctls are only checked for being left at their defaults.
 */
final class RestrictedProfile {
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private RestrictedProfile() {}

    /** What the profile refuses in {@code spec}, one line each; empty: admitted. */
    static List<String> violations(PodSpec spec) {
        List<String> out = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
            out.add("host namespaces");
        }
        for (Volume v : spec.getVolumes()) {
            String type = volumeType(v);
            if (!VOLUME_TYPES.contains(type)) out.add("volume " + v.getName() + ": type " + type);
        }
        PodSecurityContext pod = spec.getSecurityContext();
        if (pod != null && (pod.getSeLinuxOptions() != null || !pod.getSysctls().isEmpty())) out.add("pod: SELinux options or sysctls");
        List<Container> all = new ArrayList<>(spec.getInitContainers());
        all.addAll(spec.getContainers());
        for (Container c : all) container(c, pod, out);
        return out;
    }

    private static void container(Container c, PodSecurityContext pod, List<String> out) {
        String n = "container " + c.getName() + ": ";
        SecurityContext sc = c.getSecurityContext();
        if (sc == null) {
            out.add(n + "no securityContext (allowPrivilegeEscalation and capabilities must be set)");
            return;
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) out.add(n + "privileged");
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) out.add(n + "allowPrivilegeEscalation must be false");
        Capabilities caps = sc.getCapabilities();
        if (caps == null || !caps.getDrop().contains("ALL")) out.add(n + "capabilities must drop ALL");
        if (caps != null) {
            for (String a : caps.getAdd()) if (!a.equals("NET_BIND_SERVICE")) out.add(n + "adds capability " + a);
        }
        Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod == null ? null : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) out.add(n + "runAsNonRoot must be true");
        Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        if (uid != null && uid == 0) out.add(n + "runAsUser 0");
        SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : pod == null ? null : pod.getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            out.add(n + "seccompProfile must be RuntimeDefault or Localhost");
        }
        if (sc.getProcMount() != null && !sc.getProcMount().equals("Default")) out.add(n + "procMount " + sc.getProcMount());
        if (sc.getSeLinuxOptions() != null || sc.getAppArmorProfile() != null) out.add(n + "SELinux or AppArmor options");
        for (ContainerPort p : c.getPorts()) if (p.getHostPort() != null && p.getHostPort() != 0) out.add(n + "hostPort");
    }

    private static String volumeType(Volume v) {
        if (v.getConfigMap() != null) return "configMap";
        if (v.getCsi() != null) return "csi";
        if (v.getDownwardAPI() != null) return "downwardAPI";
        if (v.getEmptyDir() != null) return "emptyDir";
        if (v.getEphemeral() != null) return "ephemeral";
        if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
        if (v.getProjected() != null) return "projected";
        if (v.getSecret() != null) return "secret";
        return v.getHostPath() != null ? "hostPath" : "other";
    }
}
