package dev.kiln.run;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

/**
 * Creates the sandbox for {@code --isolation}. {@code auto} picks in-place only inside kiln's own executor image, else
 * oci when runc or crun is installed, else chroot (which degrades by itself where namespaces are refused). When kiln
 * is not root ({@code userns} set) RUN runs in a user namespace: {@code auto} and {@code chroot} mean the chroot
 * sandbox inside it; oci and in-place need root.
 *
 * @param forceInPlace {@code --force}: allow in-place outside a container
 * @param scratch      where sandboxes make their per-RUN scratch dirs (the build's work dir); null: the JVM's temp dir
 * @param userns       kiln is not root: the user namespace RUN runs in; null when kiln is root
 */
public record SandboxFactory(EventSink events, HostTools tools, ContainerDetector detector, boolean forceInPlace, java.nio.file.Path scratch,
                             UserNamespace userns) {

    public SandboxFactory(EventSink events, HostTools tools, ContainerDetector detector, boolean forceInPlace, java.nio.file.Path scratch) {
        this(events, tools, detector, forceInPlace, scratch, null);
    }

    public SandboxFactory(EventSink events, HostTools tools, ContainerDetector detector, boolean forceInPlace) {
        this(events, tools, detector, forceInPlace, null, null);
    }

    /** The same factory for kiln as a non-root user: RUN runs as root of {@code ns}. */
    public SandboxFactory inUserNamespace(UserNamespace ns) {
        return new SandboxFactory(events, tools, detector, forceInPlace, scratch, ns);
    }

    /** The concrete isolation {@code requested} means here. */
    public static Isolation choose(Isolation requested, boolean executorImage, boolean ociRuntimeOnPath) {
        if (requested != Isolation.AUTO) return requested;
        if (executorImage) return Isolation.IN_PLACE;
        return ociRuntimeOnPath ? Isolation.OCI : Isolation.CHROOT;
    }

    public Isolation choose(Isolation requested) {
        if (userns != null && requested == Isolation.AUTO) return Isolation.CHROOT;
        return choose(requested, detector.executorImage(), runtimeOnPath());
    }

    private boolean runtimeOnPath() {
        return tools.find("runc").isPresent() || tools.find("crun").isPresent();
    }

    /** Why {@code requested} means {@code chosen} here, for the debug log ({@code -v debug}). */
    String why(Isolation requested, Isolation chosen) {
        if (userns != null) {
            return "kiln is not root (uid " + userns.kilnUid() + "): RUN runs as root of " + userns.describe();
        }
        if (requested != Isolation.AUTO) return "asked for with --isolation";
        if (chosen == Isolation.IN_PLACE) return "kiln runs in its executor image";
        return chosen == Isolation.OCI ? "an OCI runtime (runc or crun) is installed"
                : "no OCI runtime (runc, crun) is installed and this is not kiln's executor image";
    }

    public Sandbox create(Isolation requested) throws SandboxException {
        Isolation chosen = choose(requested);
        events.emit(Event.debug("run", "isolation " + requested.cliName() + ": using " + chosen.cliName() + " because "
                + why(requested, chosen)));
        if (userns != null && !userns.ranges()) {
            events.emit(Event.warn("run", "RUN runs in " + userns.describe() + ": commands that switch user or groups fail"
                    + " (apt's _apt sandbox, useradd/chown to another user, su); give uid " + userns.kilnUid() + " subordinate ids"
                    + " in /etc/subuid and /etc/subgid (newuidmap/newgidmap), or use apt-get -o APT::Sandbox::User=root"));
        }
        if (userns != null && chosen != Isolation.CHROOT) {
            throw new SandboxException("--isolation " + chosen.cliName() + " needs root: kiln runs as uid " + userns.kilnUid()
                    + " and runs RUN in a user namespace with --isolation chroot (or auto)");
        }
        return switch (chosen) {
            case IN_PLACE -> new InPlaceSandbox(events, tools, detector, forceInPlace);
            case OCI -> OciSandbox.find(tools).withScratch(scratch);
            case CHROOT, AUTO -> userns != null
                    ? new ChrootSandbox(events, tools, ChrootSupport.namespaced()).withScratch(scratch).inUserNamespace(userns)
                    : new ChrootSandbox(events, tools).withScratch(scratch);
        };
    }
}
