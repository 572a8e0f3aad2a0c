package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/** An OCI platform: os/architecture[/variant]. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonProperty("variant") String variant) {

    public Platform {
        if (os == null || os.isBlank()) throw new IllegalArgumentException("platform needs an os");
        if (architecture == null || architecture.isBlank()) throw new IllegalArgumentException("platform needs an architecture");
        osFeatures = osFeatures == null ? null : List.copyOf(osFeatures);
    }

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(architecture, os, null, null, variant == null || variant.isEmpty() ? null : variant);
    }

    /** Parses {@code os/arch[/variant]} as {@code --custom-platform} and {@code FROM --platform} take it. */
    public static Platform parse(String s) {
        String[] p = s.trim().toLowerCase(Locale.ROOT).split("/");
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform '" + s + "': expected os/arch[/variant]");
        }
        return normalize(p[0], p[1], p.length == 3 ? p[2] : null);
    }

    /** Normalises architecture aliases as containerd's platforms package does. */
    public static Platform normalize(String os, String arch, String variant) {
        switch (arch) {
            case "x86_64", "x86-64", "amd64" -> { arch = "amd64"; if ("v1".equals(variant)) variant = null; }
            case "aarch64", "arm64" -> { arch = "arm64"; if ("8".equals(variant) || "v8".equals(variant)) variant = null; }
            case "armhf" -> { arch = "arm"; variant = "v7"; }
            case "armel" -> { arch = "arm"; variant = "v6"; }
            case "arm" -> { if (variant == null) variant = "v7"; else if (variant.matches("[5-8]")) variant = "v" + variant; }
            case "i386", "i686", "386" -> arch = "386";
            default -> { }
        }
        return of(os, arch, variant);
    }

    /** The platform of the machine kiln runs on. */
    public static Platform host() {
        String a = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return normalize("linux", a, null);
    }

    /** Whether a manifest described with {@code other} can serve a request for this platform. */
    public boolean matches(Platform other) {
        if (other == null) return false;
        Platform o = normalize(other.os, other.architecture, other.variant);
        Platform me = normalize(os, architecture, variant);
        if (!me.os.equals(o.os) || !me.architecture.equals(o.architecture)) return false;
        return me.variant == null || me.variant.equals(o.variant) || (o.variant == null && defaultVariant(me));
    }

    private static boolean defaultVariant(Platform p) {
        return "arm".equals(p.architecture) && "v7".equals(p.variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
