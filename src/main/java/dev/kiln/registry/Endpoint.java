package dev.kiln.registry;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * A registry as reached: the base URI whose scheme the ping settled on, the client (TLS settings) that works,
 * and the {@code /v2/} challenge (null when anonymous access was allowed).
 */
record Endpoint(String registry, URI base, HttpClient client, Challenge challenge) {
    boolean plainHttp() {
        return "http".equals(base.getScheme());
    }

    URI resolve(String path) {
        return base.resolve(path);
    }

    Endpoint withChallenge(Challenge c) {
        return new Endpoint(registry, base, client, c);
    }

    /** Whether {@code uri} is on the registry's own host and port (only then may Authorization go there). */
    boolean sameOrigin(URI uri) {
        return base.getHost().equalsIgnoreCase(uri.getHost()) && port(base) == port(uri);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "http".equals(u.getScheme()) ? 80 : 443;
    }
}
