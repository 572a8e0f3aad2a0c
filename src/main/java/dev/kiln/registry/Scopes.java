package dev.kiln.registry;

import java.util.Set;
import java.util.TreeSet;

/** Token scopes as the distribution token spec writes them ({@code repository:NAME:pull,push}). */
public final class Scopes {
    private Scopes() {}

    public static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    public static String pushPull(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    /** Scopes for pulling from one repository. */
    public static Set<String> forPull(String repository) {
        return Set.of(pull(repository));
    }

    /** Scopes for pushing to a repository, plus pull on the source of a cross-repository mount (may be null). */
    public static Set<String> forPush(String repository, String mountFrom) {
        if (mountFrom == null || mountFrom.equals(repository)) return Set.of(pushPull(repository));
        return Set.of(pushPull(repository), pull(mountFrom));
    }

    /** A stable cache key for a scope set (sorted, space separated). */
    public static String key(Set<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    /** The scopes plus any the registry asked for in a challenge ({@code scope="a b"}). */
    public static Set<String> withChallenge(Set<String> scopes, Challenge c) {
        if (c == null || c.scope() == null || c.scope().isBlank()) return scopes;
        Set<String> out = new TreeSet<>(scopes);
        for (String s : c.scope().trim().split("\\s+")) out.add(s);
        return Set.copyOf(out);
    }
}
