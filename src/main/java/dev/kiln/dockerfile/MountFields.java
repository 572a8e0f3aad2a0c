package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.RunMount.Sharing;
import dev.kiln.dockerfile.instructions.RunMount.Type;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fields of one {@code --mount} as they are read, in order (some checks depend on the type seen so far). */
final class MountFields {
    private static final Pattern RAM = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final String UNITS = "kmgtp";

    private Type type = Type.BIND;
    private String from, source, target, id, env;
    private Sharing sharing;
    private Integer mode;
    private Long uid, gid;
    private long size;
    private boolean readOnly, required;
    private boolean roAuto = true;

    void set(String field, UnaryOperator<String> expand) {
        int eq = field.indexOf('=');
        String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
        if (eq < 0) {
            switch (key) {
                case "readonly", "ro" -> { readOnly = true; roAuto = false; }
                case "readwrite", "rw" -> { readOnly = false; roAuto = false; }
                case "required" -> { requireSecretOrSsh(key); required = true; }
                default -> {
                    if (!RunMounts.KEYS.contains(key)) throw RunMounts.unexpectedKey(key, field);
                    throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
                }
            }
            return;
        }
        String raw = field.substring(eq + 1);
        if (key.equals("from")) {
            if (RunMounts.VARIABLE.matcher(raw).find()) throw RunMounts.fromVariable();
            from = raw;
            return;
        }
        if (!RunMounts.KEYS.contains(key)) throw RunMounts.unexpectedKey(key, field);
        String value = expand.apply(raw);
        switch (key) {
            case "type" -> type = RunMounts.type(value);
            case "source", "src" -> source = value;
            case "target", "dst", "destination" -> target = value;
            case "readonly", "ro" -> { readOnly = bool(key, value); roAuto = false; }
            case "readwrite", "rw" -> { readOnly = !bool(key, value); roAuto = false; }
            case "required" -> { requireSecretOrSsh(key); required = bool(key, value); }
            case "size" -> {
                if (type != Type.TMPFS) throw unexpected(key);
                size = ramInBytes(key, value);
            }
            case "id" -> id = value;
            case "sharing" -> sharing = RunMounts.sharing(value);
            case "mode" -> mode = (int) unsigned(key, value, 8);
            case "uid" -> uid = unsigned(key, value, 10);
            case "gid" -> gid = unsigned(key, value, 10);
            case "env" -> env = value;
            default -> throw RunMounts.unexpectedKey(key, field);
        }
    }

    RunMount build() {
        boolean ro = roAuto ? !(type == Type.CACHE || type == Type.TMPFS) : readOnly;
        return RunMounts.validated(new RunMount(type, from, source, target, ro, required, id, sharing, mode, uid, gid, size, env));
    }

    private void requireSecretOrSsh(String key) {
        if (type != Type.SECRET && type != Type.SSH) throw unexpected(key);
    }

    private IllegalArgumentException unexpected(String key) {
        return new IllegalArgumentException("unexpected key '" + key + "' for mount type '" + type.id() + "'");
    }

    /** Go's strconv.ParseBool. */
    private static boolean bool(String key, String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + v);
        };
    }

    /** Go's strconv.ParseUint(v, radix, 32). */
    private static long unsigned(String key, String v, int radix) {
        String digits = radix == 8 ? "[0-7]+" : "[0-9]+";
        if (!v.matches(digits)) throw new IllegalArgumentException("invalid value " + v + " for " + key);
        try {
            long n = Long.parseLong(v, radix);
            if (n <= 0xFFFF_FFFFL) return n;
        } catch (NumberFormatException e) {
            // too many digits: out of range below
        }
        throw new IllegalArgumentException("invalid value " + v + " for " + key);
    }

    /** docker/go-units RAMInBytes: {@code 64m}, {@code 1.5GiB}, {@code 100} (binary units). */
    private static long ramInBytes(String key, String v) {
        Matcher m = RAM.matcher(v);
        double n;
        try {
            if (!m.matches()) throw new NumberFormatException(v);
            n = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + v);
        }
        if (m.group(2) != null) n *= Math.pow(1024, UNITS.indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1);
        return (long) n;
    }
}
