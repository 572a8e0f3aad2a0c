package dev.kiln.context.source;

import dev.kiln.context.ContextException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a build context lives, parsed from {@code --context} exactly as Kaniko reads it: no {@code ://} is a
 * local directory; otherwise the prefix picks the source ({@code dir://}, {@code tar://} (a file or
 * {@code stdin}), {@code git://}, {@code s3://}, {@code gs://}, {@code https://}). An {@code https://} URL is an
 * Azure blob when its host is {@code <account>.blob.core.windows.net} (Kaniko's rule), a git repository when its
 * path ends in {@code .git} (before any {@code #ref}), else a tarball. {@code http://} is accepted for tarballs
 * and repositories too (test servers, in-cluster mirrors).
 *
 * @param kind   the source
 * @param raw    the flag's value, as given
 * @param target what follows the prefix ({@code bucket/key}, a path, {@code host/repo.git#ref}) or, for URL
 *               kinds, the whole URL
 */
public record ContextLocation(Kind kind, String raw, String target) {
    public enum Kind { DIR, TAR_FILE, TAR_STDIN, GIT, S3, GCS, AZURE_BLOB, HTTPS_TAR }

    private static final Pattern AZURE_HOST = Pattern.compile("^https://[a-z0-9]+\\.blob\\.core\\.windows\\.net/.+",
            Pattern.CASE_INSENSITIVE);

    public ContextLocation {
        if (kind == null || raw == null || target == null) throw new IllegalArgumentException("null field");
        if (target.isEmpty() && kind != Kind.TAR_STDIN) {
            throw new ContextException("--context '" + raw + "': nothing after the scheme");
        }
    }

    public static ContextLocation parse(String context) {
        if (context == null || context.isBlank()) throw new ContextException("--context is empty");
        int sep = context.indexOf("://");
        if (sep < 0) return new ContextLocation(Kind.DIR, context, context);
        String scheme = context.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = context.substring(sep + 3);
        return switch (scheme) {
            case "dir" -> new ContextLocation(Kind.DIR, context, rest);
            case "tar" -> rest.equals("stdin")
                    ? new ContextLocation(Kind.TAR_STDIN, context, "")
                    : new ContextLocation(Kind.TAR_FILE, context, rest);
            case "git" -> new ContextLocation(Kind.GIT, context, rest);
            case "s3" -> new ContextLocation(Kind.S3, context, rest);
            case "gs" -> new ContextLocation(Kind.GCS, context, rest);
            case "https", "http" -> url(context);
            default -> throw new ContextException("unsupported --context scheme '" + scheme + "://' in '" + context
                    + "': use a directory path, dir://, tar://, git://, s3://, gs://, https:// (tarball, .git repository or Azure blob)");
        };
    }

    private static ContextLocation url(String context) {
        if (AZURE_HOST.matcher(context).matches()) return new ContextLocation(Kind.AZURE_BLOB, context, context);
        int hash = context.indexOf('#');
        String path = hash < 0 ? context : context.substring(0, hash);
        if (path.endsWith(".git") || path.endsWith(".git/")) return new ContextLocation(Kind.GIT, context, context);
        return new ContextLocation(Kind.HTTPS_TAR, context, context);
    }

    /** For bucket kinds ({@code s3://}, {@code gs://}): the bucket. */
    public String bucket() {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    /** For bucket kinds: the object key (empty when only a bucket was given). */
    public String key() {
        int slash = target.indexOf('/');
        return slash < 0 ? "" : target.substring(slash + 1);
    }
}
