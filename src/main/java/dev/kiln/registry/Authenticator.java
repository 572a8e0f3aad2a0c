package dev.kiln.registry;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Produces the Authorization header for a request: Basic credentials on every request, or a bearer token
 * cached per (registry, scope set). Thread-safe; the caches live as long as the client (one build).
 */
final class Authenticator {
    private final Credentials credentials;
    private final TokenClient tokens;
    private final ConcurrentHashMap<String, Optional<Credential>> credentialCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenClient.Token> tokenCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();

    Authenticator(Credentials credentials, TokenClient tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    Optional<String> header(Endpoint ep, Set<String> scopes) throws IOException {
        Challenge c = ep.challenge();
        if (c == null) return Optional.empty();
        if (c.isBasic()) {
            return credential(ep.registry()).filter(Credential.Basic.class::isInstance)
                    .map(cred -> ((Credential.Basic) cred).header());
        }
        if (!c.isBearer()) return Optional.empty();
        Set<String> all = scopes;
        String key = tokenKey(ep.registry(), all);
        TokenClient.Token token = tokenCache.get(key);
        if (token == null || token.expired(java.time.Instant.now())) {
            // one fetch per key at a time: parallel blob uploads share the token instead of each asking
            java.util.concurrent.locks.ReentrantLock lock = locks.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
            lock.lock();
            try {
                token = tokenCache.get(key);
                if (token == null || token.expired(java.time.Instant.now())) {
                    token = tokens.fetch(ep.client(), c, credential(ep.registry()), all);
                    tokenCache.put(key, token);
                }
            } finally {
                lock.unlock();
            }
        }
        return Optional.of("Bearer " + token.value());
    }

    /**
     * Forgets the token for these scopes after the registry rejected it — only if it is still the one that was
     * sent ({@code rejectedHeader}), so a token another thread just fetched survives.
     */
    void invalidate(String registry, Set<String> scopes, String rejectedHeader) {
        tokenCache.computeIfPresent(tokenKey(registry, scopes),
                (k, t) -> rejectedHeader == null || rejectedHeader.equals("Bearer " + t.value()) ? null : t);
    }

    Optional<Credential> credential(String registry) throws IOException {
        Optional<Credential> c = credentialCache.get(registry);
        if (c == null) {
            c = credentials.lookup(registry);
            credentialCache.putIfAbsent(registry, c);
        }
        return c;
    }

    /** For a 401: the credentials that were rejected and where they came from, or that there were none. */
    String unauthorized(String registry) {
        String origin = credentials.origin(registry);
        Optional<Credential> c;
        try {
            c = credential(registry);
        } catch (IOException e) {
            return "no credentials for " + registry + ": " + e.getMessage();
        }
        if (c.isPresent()) return "the registry rejected the credentials for " + registry + (origin == null ? "" : " from " + origin);
        return "no credentials for " + registry + (origin == null ? "" : " (" + origin + ")")
                + "; log in with docker login or point DOCKER_CONFIG at a config.json that has them";
    }

    static String tokenKey(String registry, Set<String> scopes) {
        return registry + "|" + Scopes.key(scopes);
    }
}
