package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds how to reach each registry by pinging {@code /v2/}: https (verified unless the options say otherwise),
 * and for registries insecure for this purpose, https without verification then plain http. Registries with
 * their own CA ({@code --registry-certificate}) or client certificate get their own HTTP client; over TLS the
 * client offers HTTP/2 (ALPN) and falls back to HTTP/1.1.
 */
final class Endpoints {
    private final RegistryOptions options;
    private final Purpose purpose;
    private final EventSink events;
    private final Schemes schemes;
    private final ConcurrentHashMap<String, Endpoint> byRegistry = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HttpClient> clients = new ConcurrentHashMap<>();

    Endpoints(RegistryOptions options, Purpose purpose, EventSink events) {
        this(options, purpose, events, new Schemes());
    }

    Endpoints(RegistryOptions options, Purpose purpose, EventSink events, Schemes schemes) {
        this.options = options;
        this.purpose = purpose;
        this.events = events;
        this.schemes = schemes;
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
        IOException last = null;
        int attempts = options.retry().attempts(purpose);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return pingOnce(registry);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                // a refused connection, an unknown host or a TLS failure does not heal within a retry's delay
                if (attempt == attempts || (e instanceof RegistryUnreachableException && NetworkCause.permanent(e.getCause()))) break;
                events.emit(Event.debug("registry", "retrying ping of " + registry + " (attempt " + (attempt + 1)
                        + " of " + attempts + "): " + e.getMessage()));
                Transport.sleep(options.retry().delay(attempt, null), "ping " + registry);
            }
        }
        throw last;
    }

    /**
     * https first, then plain http where allowed (go-containerregistry's order); a registry already known to
     * answer plain http (this process, either purpose), or an insecure loopback registry, is asked over http first.
     */
    private Endpoint pingOnce(String registry) throws IOException {
        String host = Reference.apiHost(registry);
        HttpClient client = client(registry);
        URI plain = URI.create("http://" + host + "/v2/");
        // plain http first for a registry known to answer it, or a loopback registry marked insecure (nothing between
        // kiln and it to downgrade; a TLS port answers plain http with 400 and https is tried next): no TLS set-up
        boolean httpFirst = "http".equals(schemes.known(registry))
                || (Loopback.is(registry) && options.insecure(registry, purpose));
        if (httpFirst && options.allowsHttp(registry, purpose)) {
            try {
                return probe(registry, plain, client, true);
            } catch (IOException e) {
                events.emit(Event.debug("registry", registry + " does not answer plain http (" + e.getMessage() + "); trying https"));
            }
        }
        try {
            return probe(registry, URI.create("https://" + host + "/v2/"), client, false);
        } catch (IOException https) {
            if (!options.allowsHttp(registry, purpose)) {
                String why = "https: " + NetworkCause.describe(https, host);
                throw new RegistryUnreachableException(registry, why.startsWith("https: TLS: ") ? why
                        + " (if it serves plain http, mark it insecure: --insecure-registry " + registry + ")" : why, https);
            }
            events.emit(Event.debug("registry", registry + ": https failed (" + NetworkCause.describe(https, host) + "); trying plain http"));
            try {
                return probe(registry, plain, client, true);
            } catch (IOException http) {
                http.addSuppressed(https);
                String overHttps = NetworkCause.describe(https, host);
                String overHttp = NetworkCause.describe(http, host);
                throw new RegistryUnreachableException(registry, overHttps.equals(overHttp) ? overHttp
                        : "https: " + overHttps + "; http: " + overHttp, http);
            }
        }
    }

    /** Pings {@code /v2/}; a plain-http fallback counts only when it answers 200 or 401 (a TLS port answers 400). */
    private Endpoint probe(String registry, URI v2, HttpClient client, boolean fallback) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(v2).header("User-Agent", options.userAgent())
                .timeout(options.retry().requestTimeout()).GET();
        if ("http".equals(v2.getScheme())) b.version(HttpClient.Version.HTTP_1_1);
        HttpResponse<InputStream> r = Transport.exchange(client, b.build());
        Transport.discard(r);
        if (fallback && r.statusCode() != 200 && r.statusCode() != 401) {
            throw new RegistryException(r.statusCode(), "GET", v2.getAuthority(), "/v2/ (plain http)", java.util.List.of(), null);
        }
        URI base = v2.resolve("/");
        events.emit(Event.debug("registry", registry + " answers " + v2.getScheme() + " with "
                + (r.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1")));
        if (r.statusCode() >= 500) {
            throw new RegistryException(r.statusCode(), "GET", v2.getAuthority(), "/v2/", java.util.List.of(), null);
        }
        schemes.remember(registry, v2.getScheme());
        Challenge c = r.statusCode() == 401 ? Challenge.select(r.headers().allValues("WWW-Authenticate")).orElse(null) : null;
        return new Endpoint(registry, base, client, c);
    }

    /**
     * Stops the HTTP clients' selector threads. Their threads wait in epoll, and the JVM's exit waits up to 0.3 s
     * for every thread in a native call: a build that did not stop them ends 0.3 s after its last line.
     */
    void close() {
        for (HttpClient c : clients.values()) c.shutdownNow();
        for (HttpClient c : clients.values()) {
            try {
                c.awaitTermination(java.time.Duration.ofMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The client for a registry: shared unless the registry has its own CA or client certificate. */
    private HttpClient client(String registry) throws IOException {
        boolean verify = options.verifiesTls(registry, purpose);
        List<java.nio.file.Path> own = options.registryCertificates().getOrDefault(registry, List.of());
        ClientCertificate cert = options.clientCertificates().get(registry);
        boolean specific = cert != null || (verify && !own.isEmpty());
        String key = (verify ? "verify|" : "trust|") + (specific ? registry : "");
        HttpClient c = clients.get(key);
        if (c != null) return c;
        List<java.nio.file.Path> cas = new java.util.ArrayList<>(options.caCertificates());
        if (specific) cas.addAll(own);
        c = build(TlsContexts.context(cas, cert, verify));
        HttpClient raced = clients.putIfAbsent(key, c);
        return raced != null ? raced : c;
    }

    private HttpClient build(javax.net.ssl.SSLContext ssl) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.retry().connectTimeout())
                .sslContext(ssl)
                .build();
    }
}
