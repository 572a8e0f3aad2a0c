package dev.kiln.run;

/**
 * Whether the chroot sandbox can use private mount and pid namespaces here. Injectable so the degraded path
 * (a default Kubernetes pod: chroot and mknod allowed, every mount and unshare refused) is testable anywhere.
 */
@FunctionalInterface
public interface ChrootSupport {
    /** Null when namespaces and mounts work, else why not (for the WARN event). */
    String whyDegraded();

    default boolean namespaces() {
        return whyDegraded() == null;
    }

    /** Finds out by trying (once per returned object): unshare a mount+pid namespace and mount a tmpfs in it. */
    static ChrootSupport probe(HostTools tools) {
        return new NamespaceProbe(tools);
    }

    /** Always namespaces (fails at run time where they are refused). */
    static ChrootSupport namespaced() {
        return () -> null;
    }

    /** Always degraded, with {@code reason} as the warning. */
    static ChrootSupport degraded(String reason) {
        return () -> reason;
    }
}
