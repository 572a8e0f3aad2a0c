package dev.kiln.registry;

import java.util.Locale;

/**
 * go-containerregistry's localhost heuristic ({@code name.Registry.Scheme()}): registries on a loopback address
 * ({@code 127.0.0.0/8}, {@code ::1}) or named {@code localhost} / {@code *.localhost} may fall back to plain http
 * without any {@code --insecure*} flag. Decided from the name alone, as go-containerregistry does (no DNS lookup).
 */
final class Loopback {
    private Loopback() {}

    static boolean is(String registry) {
        String host = host(registry).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) return true;
        if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) return true;
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) return false;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit) || Integer.parseInt(o) > 255) return false;
        }
        return true;
    }

    /** The host of {@code host}, {@code host:port}, {@code [v6]:port} or {@code [v6]}. */
    private static String host(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end > 0 ? registry.substring(1, end) : registry;
        }
        int colon = registry.indexOf(':');
        if (colon >= 0 && registry.indexOf(':', colon + 1) < 0) return registry.substring(0, colon);
        return registry;   // a bare IPv6 address such as ::1
    }
}
