package dev.kiln.dockerfile;

import java.util.Map;
import java.util.regex.Pattern;

/** {@code ADD --checksum=algorithm:hex} value syntax (an OCI digest), checked when it holds no variables. */
final class Checksums {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Map<String, Integer> HEX_LENGTH = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private Checksums() {}

    static void validate(String value) {
        if (value.indexOf('$') >= 0) return; // expanded at dispatch; checked then
        if (value.isEmpty()) throw new IllegalArgumentException("missing a value on flag: checksum");
        if (!DIGEST.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid checksum \"" + value + "\": expected algorithm:hex, e.g. sha256:<64 hex digits>");
        }
        int colon = value.indexOf(':');
        String algorithm = value.substring(0, colon);
        String hex = value.substring(colon + 1);
        Integer length = HEX_LENGTH.get(algorithm);
        if (length == null) {
            throw new IllegalArgumentException(Suggest.wrap("unsupported checksum algorithm \"" + algorithm + "\"",
                    algorithm, HEX_LENGTH.keySet().stream().sorted().toList(), true));
        }
        if (hex.length() != length || !hex.matches("[a-f0-9]+")) {
            throw new IllegalArgumentException("invalid checksum \"" + value + "\": " + algorithm + " needs " + length
                    + " lower-case hex digits");
        }
    }
}
