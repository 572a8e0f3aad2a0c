package dev.kiln.plan;

import dev.kiln.image.Platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BuildKit's automatic platform ARGs: {@code TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT} for the platform
 * being built and {@code BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT} for the machine building it. They are
 * global (meta) ARGs: usable in {@code FROM} as they are, inside a stage only after {@code ARG TARGETARCH}
 * (without a value) re-declares them. A variant that does not exist is the empty string.
 */
public final class PlatformArgs {
    static final List<String> NAMES = List.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

    private PlatformArgs() {}

    static Map<String, String> of(Platform target, Platform build) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "TARGET", target);
        put(m, "BUILD", build);
        return m;
    }

    private static void put(Map<String, String> m, String prefix, Platform p) {
        m.put(prefix + "PLATFORM", p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant()));
        m.put(prefix + "OS", p.os());
        m.put(prefix + "ARCH", p.architecture());
        m.put(prefix + "VARIANT", p.variant() == null ? "" : p.variant());
    }
}
