package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gets bearer tokens from a challenge's realm (distribution token spec): GET with basic credentials or
 * anonymously, or an OAuth2 POST with {@code grant_type=refresh_token} for identity tokens.
 */
final class TokenClient {
    static final String CLIENT_ID = "kiln";
    /** A bearer token and when it stops being usable (null: unknown; the registry's 401 tells). */
    record Token(String value, java.time.Instant expiresAt) {
        boolean expired(java.time.Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Token[<redacted>, expires " + expiresAt + "]";
        }
    }

    private final String userAgent;
    private final java.time.Duration timeout;

    TokenClient(String userAgent) {
        this(userAgent, java.time.Duration.ofMinutes(5));
    }

    TokenClient(String userAgent, java.time.Duration timeout) {
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    /** The token request a challenge and credential call for (exposed for tests). */
    static HttpRequest request(Challenge c, Optional<Credential> cred, Set<String> scopes, String userAgent) {
        URI realm = realm(c);
        HttpRequest.Builder b = HttpRequest.newBuilder().header("User-Agent", userAgent);
        if (cred.isPresent() && cred.get() instanceof Credential.IdentityToken(String token)) {
            List<String> form = new ArrayList<>();
            form.add("grant_type=refresh_token");
            form.add("refresh_token=" + enc(token));
            form.add("client_id=" + CLIENT_ID);
            if (c.service() != null) form.add("service=" + enc(c.service()));
            if (!scopes.isEmpty()) form.add("scope=" + enc(String.join(" ", new TreeSet<>(scopes))));
            return b.uri(realm).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build();
        }
        List<String> q = new ArrayList<>();
        if (c.service() != null) q.add("service=" + enc(c.service()));
        for (String s : new TreeSet<>(scopes)) q.add("scope=" + enc(s));
        String sep = realm.getRawQuery() == null ? "?" : "&";
        URI uri = q.isEmpty() ? realm : URI.create(realm + sep + String.join("&", q));
        if (cred.isPresent() && cred.get() instanceof Credential.Basic basic) b.header("Authorization", basic.header());
        return b.uri(uri).GET().build();
    }

    /** Fetches a token; errors carry the realm's status and error codes. */
    Token fetch(HttpClient http, Challenge c, Optional<Credential> cred, Set<String> scopes) throws IOException {
        HttpRequest base = request(c, cred, scopes, userAgent);
        HttpRequest.Builder rb = HttpRequest.newBuilder(base, (k, v) -> true).timeout(timeout);
        if ("http".equals(base.uri().getScheme())) rb.version(HttpClient.Version.HTTP_1_1);
        HttpRequest req = rb.build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a token from " + req.uri().getHost());
        }
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(1 << 20);
        }
        if (r.statusCode() != 200) {
            throw RegistryException.of(r.statusCode(), req.method(), req.uri().getAuthority(), req.uri().getRawPath(), body);
        }
        return parse(body, req.uri().getAuthority(), java.time.Instant.now());
    }

    static String parseToken(byte[] body, String where) throws IOException {
        return parse(body, where, java.time.Instant.now()).value();
    }

    /** Parses {@code {"token"|"access_token", "expires_in", "issued_at"}}; expiry has a 10% / 5 s safety margin. */
    static Token parse(byte[] body, String where, java.time.Instant now) throws IOException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IOException("token endpoint " + where + " returned invalid JSON", e);
        }
        String t = json == null ? "" : json.path("token").asText("");
        if (t.isEmpty() && json != null) t = json.path("access_token").asText("");
        if (t.isEmpty()) throw new IOException("token endpoint " + where + " returned no token");
        long expiresIn = json.path("expires_in").asLong(0);
        java.time.Instant expires = null;
        if (expiresIn > 0) {
            long margin = Math.min(5, expiresIn / 10);
            expires = now.plusSeconds(expiresIn - margin);
        }
        return new Token(t, expires);
    }

    private static URI realm(Challenge c) {
        String realm = c.realm();
        if (realm == null || realm.isBlank()) throw new IllegalArgumentException("bearer challenge has no realm");
        URI u = URI.create(realm);
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
            throw new IllegalArgumentException("bearer realm '" + realm + "' is not an http(s) URL");
        }
        return u;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
