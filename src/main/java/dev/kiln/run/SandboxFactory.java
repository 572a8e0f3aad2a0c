package dev.kiln.run;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

/**
 * Creates the sandbox for {@code --isolation}. {@code auto} picks in-place only inside kiln's own executor image, else
 * oci when runc or crun is installed, else chroot (which degrades by itself where namespaces are refused).
 *
 * @param forceInPlace {@code --force}: allow in-place outside a container
 * @param scratch      where sandboxes make their per-RUN scratch dirs (the build's work dir); null: the JVM's temp dir
 */
public record SandboxFactory(EventSink events, HostTools tools, ContainerDetector detector, boolean forceInPlace, java.nio.file.Path scratch) {

    public SandboxFactory(EventSink events, HostTools tools, ContainerDetector detector, boolean forceInPlace) {
        this(events, tools, detector, forceInPlace, null);
    }

    /** The concrete isolation {@code requested} means here. */
    public static Isolation choose(Isolation requested, boolean executorImage, boolean ociRuntimeOnPath) {
        if (requested != Isolation.AUTO) return requested;
        if (executorImage) return Isolation.IN_PLACE;
        return ociRuntimeOnPath ? Isolation.OCI : Isolation.CHROOT;
    }

    public Isolation choose(Isolation requested) {
        boolean runtime = tools.find("runc").isPresent() || tools.find("crun").isPresent();
        return choose(requested, detector.executorImage(), runtime);
    }

    public Sandbox create(Isolation requested) throws SandboxException {
        Isolation chosen = choose(requested);
        if (requested == Isolation.AUTO) events.emit(Event.debug("run", "isolation auto: using " + chosen.cliName()));
        return switch (chosen) {
            case IN_PLACE -> new InPlaceSandbox(events, tools, detector, forceInPlace);
            case OCI -> OciSandbox.find(tools).withScratch(scratch);
            case CHROOT, AUTO -> new ChrootSandbox(events, tools).withScratch(scratch);
        };
    }
}
