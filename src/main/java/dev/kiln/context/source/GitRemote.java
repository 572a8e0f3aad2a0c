package dev.kiln.context.source;

import dev.kiln.context.ContextException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A git context URL taken apart. {@code git://host/repo.git[#frag]} becomes {@code GIT_PULL_METHOD://host/repo.git}
 * (Kaniko: https unless {@code GIT_PULL_METHOD} says http, or git here for the git daemon protocol).
 * The fragment is {@code refs/heads/b} (a branch), another {@code refs/...} (fetched), a commit id (hex), or
 * {@code ref#commit}. Credentials come from {@code GIT_USERNAME} with {@code GIT_PASSWORD} or {@code GIT_TOKEN}.
 *
 * @param url       what JGit fetches, without the fragment
 * @param branchRef {@code refs/heads/...} to clone, or null
 * @param fetchRef  another ref to fetch and check out, or null
 * @param commit    a commit id to check out, or null
 */
record GitRemote(String url, String branchRef, String fetchRef, String commit, String username, String password) {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,64}");

    static GitRemote of(ContextLocation loc, Map<String, String> env) {
        String spec = loc.target();
        String base;
        if (loc.raw().regionMatches(true, 0, "git://", 0, 6)) {
            String method = env.getOrDefault("GIT_PULL_METHOD", "https").toLowerCase(Locale.ROOT);
            if (!method.equals("https") && !method.equals("http") && !method.equals("git")) {
                throw new ContextException("GIT_PULL_METHOD='" + method + "': use https, http or git");
            }
            base = method + "://";
        } else {
            base = "";
        }
        String[] parts = spec.split("#", -1);
        if (parts.length > 3) throw new ContextException("--context " + loc.raw() + ": too many '#' (use repo#ref, repo#commit or repo#ref#commit)");
        String url = base + parts[0];
        String branchRef = null, fetchRef = null, commit = null;
        if (parts.length >= 2 && !parts[1].isEmpty()) {
            String frag = parts[1];
            if (HEX.matcher(frag).matches() && parts.length == 2) commit = frag.toLowerCase(Locale.ROOT);
            else if (frag.startsWith("refs/heads/") && parts.length == 2) branchRef = frag;
            else if (frag.startsWith("refs/")) fetchRef = frag;
            else branchRef = "refs/heads/" + frag;
        }
        if (parts.length == 3) {
            if (!HEX.matcher(parts[2]).matches()) throw new ContextException("--context " + loc.raw() + ": '" + parts[2] + "' is not a commit id");
            commit = parts[2].toLowerCase(Locale.ROOT);
            if (branchRef != null) {
                fetchRef = branchRef;
                branchRef = null;
            }
        }
        String user = env.getOrDefault("GIT_USERNAME", "");
        String token = env.get("GIT_TOKEN");
        String password = token != null && !token.isEmpty() ? token : env.get("GIT_PASSWORD");
        return new GitRemote(url, branchRef, fetchRef, commit, user, password);
    }

    /** The URL for messages: never with credentials in it. */
    String display() {
        return url.replaceFirst("://[^/@]*@", "://");
    }
}
