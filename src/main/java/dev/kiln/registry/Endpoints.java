package dev.kiln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds how to reach each registry by pinging {@code /v2/}: https (verified unless the options say otherwise),
 * and for registries insecure for this purpose, https without verification then plain http.
 */
final class Endpoints {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final RegistryOptions options;
    private final Purpose purpose;
    private final ConcurrentHashMap<String, Endpoint> byRegistry = new ConcurrentHashMap<>();
    private volatile HttpClient verifying;
    private volatile HttpClient trusting;

    Endpoints(RegistryOptions options, Purpose purpose) {
        this.options = options;
        this.purpose = purpose;
    }

    Endpoint get(String registry) throws IOException {
        Endpoint ep = byRegistry.get(registry);
        if (ep != null) return ep;
        ep = ping(registry);
        Endpoint raced = byRegistry.putIfAbsent(registry, ep);
        return raced != null ? raced : ep;
    }

    Endpoint update(Endpoint ep) {
        byRegistry.put(ep.registry(), ep);
        return ep;
    }

    private Endpoint ping(String registry) throws IOException {
        String host = Reference.apiHost(registry);
        HttpClient client = options.verifiesTls(registry, purpose) ? verifying() : trusting();
        try {
            return probe(registry, URI.create("https://" + host + "/v2/"), client);
        } catch (IOException https) {
            if (!options.allowsHttp(registry, purpose)) {
                throw new IOException("cannot reach registry " + registry + " over https: " + https.getMessage()
                        + " (if it serves plain http, mark it insecure)", https);
            }
            try {
                return probe(registry, URI.create("http://" + host + "/v2/"), client);
            } catch (IOException http) {
                http.addSuppressed(https);
                throw new IOException("cannot reach registry " + registry + " over https (" + https.getMessage()
                        + ") or http (" + http.getMessage() + ")", http);
            }
        }
    }

    private Endpoint probe(String registry, URI v2, HttpClient client) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(v2).header("User-Agent", options.userAgent()).GET();
        if ("http".equals(v2.getScheme())) b.version(HttpClient.Version.HTTP_1_1);
        HttpResponse<InputStream> r = Transport.exchange(client, b.build());
        Transport.discard(r);
        URI base = v2.resolve("/");
        if (r.statusCode() == 401) {
            Challenge c = Challenge.select(r.headers().allValues("WWW-Authenticate")).orElse(null);
            return new Endpoint(registry, base, client, c);
        }
        if (r.statusCode() >= 500) {
            throw new IOException("GET " + v2.getAuthority() + "/v2/: HTTP " + r.statusCode());
        }
        return new Endpoint(registry, base, client, null);
    }

    private HttpClient verifying() throws IOException {
        HttpClient c = verifying;
        if (c == null) {
            synchronized (this) {
                if (verifying == null) verifying = build(TlsContexts.verifying(options.caCertificates()));
                c = verifying;
            }
        }
        return c;
    }

    private HttpClient trusting() {
        HttpClient c = trusting;
        if (c == null) {
            synchronized (this) {
                if (trusting == null) trusting = build(TlsContexts.trustingAll());
                c = trusting;
            }
        }
        return c;
    }

    private static HttpClient build(javax.net.ssl.SSLContext ssl) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .sslContext(ssl)
                .build();
    }
}
