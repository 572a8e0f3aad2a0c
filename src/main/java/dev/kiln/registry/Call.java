package dev.kiln.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request to a registry.
 *
 * @param method     HTTP method
 * @param registry   registry name (for auth and endpoint)
 * @param uri        absolute URI
 * @param headers    extra headers (never Authorization; the transport adds it)
 * @param body       body factory (called again on retry), or null
 * @param scopes     token scopes the request needs
 * @param ok         statuses returned to the caller; any other status is an error
 * @param idempotent whether the transport may retry it
 */
record Call(String method, String registry, URI uri, Map<String, String> headers, Body body,
            Set<String> scopes, Set<Integer> ok, boolean idempotent) {

    /** Creates a fresh body publisher for each attempt. */
    @FunctionalInterface
    interface Body {
        HttpRequest.BodyPublisher publisher() throws IOException;
    }

    Call {
        headers = Map.copyOf(headers);
        scopes = Set.copyOf(scopes);
        ok = Set.copyOf(ok);
    }

    static Call get(String registry, URI uri, Set<String> scopes, Map<String, String> headers, Integer... ok) {
        return new Call("GET", registry, uri, headers, null, scopes, Set.of(ok), true);
    }
}
