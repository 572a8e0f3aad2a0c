package dev.kiln.run;

import java.util.Locale;

/** {@code --isolation auto|chroot|oci|in-place}. */
public enum Isolation {
    AUTO, CHROOT, OCI, IN_PLACE;

    public static Isolation parse(String s) {
        if (s == null || s.isBlank()) return AUTO;
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (Isolation i : values()) {
            if (i.cliName().equals(n)) return i;
        }
        throw new IllegalArgumentException("unknown isolation '" + s + "' (expected auto, chroot, oci or in-place)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
