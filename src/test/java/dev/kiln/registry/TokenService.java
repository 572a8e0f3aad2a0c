package dev.kiln.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.image.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * A distribution token server (docker token auth spec) in the test JVM: Basic credentials or an OAuth2 refresh
 * token in, RS256 JWTs out, signed with a key whose certificate the registry trusts ({@code rootcertbundle}).
 */
final class TokenService implements AutoCloseable {
    static final String SERVICE = "kiln-test-registry";
    static final String ISSUER = "kiln-test-issuer";
    static final String USER = "kiln";

    /** One token request as received. */
    record Request(String method, String account, List<String> scopes, String grantType) {}

    final String password = "pw-" + UUID.randomUUID();
    final String refreshToken = "rt-" + UUID.randomUUID();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> issued = new CopyOnWriteArrayList<>();
    final AtomicBoolean expireNext = new AtomicBoolean();
    private final HttpServer server;
    private final PrivateKey key;
    private final String kid;
    /** (account or null, repository) → granted actions. */
    private final BiFunction<String, String, Set<String>> policy;

    TokenService(Path keyPem, Path certPem, BiFunction<String, String, Set<String>> policy) throws IOException {
        this.key = PemKeys.privateKey(keyPem);
        this.kid = libtrustKeyId(PemKeys.certificates(certPem).getFirst().getPublicKey());
        this.policy = policy;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The registry's {@code auth:} section trusting this service. */
    String authYaml(Path rootCert) {
        return """
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(realm(), SERVICE, ISSUER, rootCert);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            List<String> scopes = new ArrayList<>();
            String account = null;
            String grant = null;
            boolean denied = false;
            if (ex.getRequestMethod().equals("POST")) {
                String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String rt = null;
                for (String kv : form.split("&")) {
                    int eq = kv.indexOf('=');
                    String k = kv.substring(0, eq), v = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                    switch (k) {
                        case "grant_type" -> grant = v;
                        case "refresh_token" -> rt = v;
                        case "scope" -> scopes.addAll(List.of(v.split(" ")));
                        default -> { }
                    }
                }
                if ("refresh_token".equals(grant) && refreshToken.equals(rt)) account = USER;
                else denied = true;
            } else {
                String q = ex.getRequestURI().getRawQuery();
                for (String kv : q == null ? new String[0] : q.split("&")) {
                    int eq = kv.indexOf('=');
                    if (kv.substring(0, eq).equals("scope")) scopes.add(URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    String up = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                    if (up.equals(USER + ":" + password)) account = USER;
                    else denied = true;
                }
            }
            requests.add(new Request(ex.getRequestMethod(), account, List.copyOf(scopes), grant));
            if (denied) {
                reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            String jwt = jwt(account, scopes, expireNext.getAndSet(false));
            issued.add(jwt);
            ObjectNode body = Json.mapper().createObjectNode().put("token", jwt).put("access_token", jwt)
                    .put("expires_in", 300).put("issued_at", Instant.now().toString());
            if (grant != null) body.put("refresh_token", refreshToken);
            reply(ex, 200, body.toString());
        }
    }

    private String jwt(String account, List<String> scopes, boolean expired) throws IOException {
        long now = Instant.now().getEpochSecond() - (expired ? 3600 : 0);
        ArrayNode access = Json.mapper().createArrayNode();
        for (String s : scopes) {
            String[] parts = s.split(":");
            if (parts.length != 3 || !parts[0].equals("repository")) continue;
            Set<String> granted = policy.apply(account, parts[1]);
            ArrayNode actions = Json.mapper().createArrayNode();
            for (String a : parts[2].split(",")) if (granted.contains(a)) actions.add(a);
            access.addObject().put("type", "repository").put("name", parts[1]).set("actions", actions);
        }
        ObjectNode claims = Json.mapper().createObjectNode().put("iss", ISSUER).put("sub", account == null ? "" : account)
                .put("aud", SERVICE).put("exp", now + 300).put("nbf", now - 10).put("iat", now)
                .put("jti", UUID.randomUUID().toString());
        claims.set("access", access);
        String header = b64(Json.mapper().createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", kid).toString());
        String input = header + "." + b64(claims.toString());
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(key);
            sig.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** libtrust's key ID: base32 of the first 240 bits of SHA-256(SPKI DER), in 12 groups of 4. */
    static String libtrustKeyId(PublicKey k) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(k.getEncoded());
            String b32 = base32(java.util.Arrays.copyOf(h, 30));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < b32.length(); i += 4) {
                if (i > 0) out.append(':');
                out.append(b32, i, i + 4);
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        return sb.toString();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    long tokenRequests() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
