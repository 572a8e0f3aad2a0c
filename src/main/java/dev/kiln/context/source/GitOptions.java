package dev.kiln.context.source;

import java.util.List;
import java.util.Locale;

/**
 * Kaniko's {@code --git} options: {@code branch=NAME,single-branch=BOOL,recurse-submodules=BOOL,insecure-skip-tls=BOOL}
 * (comma-separated; the flag may be repeated).
 *
 * @param branch null for the remote's default branch (or the {@code #ref} of the context URL)
 */
public record GitOptions(String branch, boolean singleBranch, boolean recurseSubmodules, boolean insecureSkipTls) {
    public static final GitOptions DEFAULT = new GitOptions(null, false, false, false);

    public GitOptions {
        if (branch != null && branch.isBlank()) branch = null;
    }

    /** Parses the values of every {@code --git} flag; unknown keys and bad booleans are {@link IllegalArgumentException}s. */
    public static GitOptions parse(List<String> values) {
        GitOptions o = DEFAULT;
        for (String value : values) {
            for (String pair : value.split(",")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("invalid --git '" + pair + "': expected KEY=VALUE");
                String k = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String v = pair.substring(eq + 1).trim();
                o = switch (k) {
                    case "branch" -> new GitOptions(v, o.singleBranch, o.recurseSubmodules, o.insecureSkipTls);
                    case "single-branch" -> new GitOptions(o.branch, bool(k, v), o.recurseSubmodules, o.insecureSkipTls);
                    case "recurse-submodules" -> new GitOptions(o.branch, o.singleBranch, bool(k, v), o.insecureSkipTls);
                    case "insecure-skip-tls" -> new GitOptions(o.branch, o.singleBranch, o.recurseSubmodules, bool(k, v));
                    default -> throw new IllegalArgumentException("invalid --git key '" + k
                            + "': use branch, single-branch, recurse-submodules, insecure-skip-tls");
                };
            }
        }
        return o;
    }

    private static boolean bool(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "t", "yes" -> true;
            case "false", "0", "f", "no", "" -> false;
            default -> throw new IllegalArgumentException("invalid --git " + key + "='" + v + "': expected true or false");
        };
    }
}
