package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * The image configuration file (OCI {@code application/vnd.oci.image.config.v1+json}, same fields as
 * Docker's). Known fields only, as BuildKit keeps them. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("author") String author,
        @JsonProperty("config") @JsonInclude(JsonInclude.Include.ALWAYS) ContainerConfig config,
        @JsonProperty("created") String created,
        @JsonProperty("history") List<History> history,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("variant") String variant) {

    public ImageConfig {
        config = config == null ? ContainerConfig.EMPTY : config;
        history = history == null ? List.of() : List.copyOf(history);
        rootfs = rootfs == null ? RootFs.of(List.of()) : rootfs;
    }

    /** The config of an empty image ({@code FROM scratch}) for a platform. */
    public static ImageConfig scratch(Platform p) {
        return new ImageConfig(p.architecture(), null, ContainerConfig.EMPTY, null, List.of(), p.os(), p.osVersion(),
                RootFs.of(List.of()), p.variant());
    }

    public Platform platform() {
        return Platform.of(os == null ? "linux" : os, architecture == null ? "amd64" : architecture, variant);
    }

    public ImageConfig withConfig(ContainerConfig c) {
        return new ImageConfig(architecture, author, c, created, history, os, osVersion, rootfs, variant);
    }

    public ImageConfig withCreated(String c) {
        return new ImageConfig(architecture, author, config, c, history, os, osVersion, rootfs, variant);
    }

    public ImageConfig withAuthor(String a) {
        return new ImageConfig(architecture, a, config, created, history, os, osVersion, rootfs, variant);
    }

    public ImageConfig withHistory(List<History> h) {
        return new ImageConfig(architecture, author, config, created, h, os, osVersion, rootfs, variant);
    }

    public ImageConfig withRootFs(RootFs r) {
        return new ImageConfig(architecture, author, config, created, history, os, osVersion, r, variant);
    }

    public ImageConfig plusHistory(History h) {
        List<History> l = new ArrayList<>(history);
        l.add(h);
        return withHistory(l);
    }
}
