package dev.kiln.run;

import java.util.Locale;

/** RUN's network, as {@code RUN --network=default|none|host}: default and host share the host's network. */
public enum NetworkMode {
    DEFAULT, NONE, HOST;

    public static NetworkMode parse(String s) {
        if (s == null || s.isBlank()) return DEFAULT;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown network mode '" + s + "' (expected default, none or host)");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
