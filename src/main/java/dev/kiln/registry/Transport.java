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
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sends registry calls: finds the endpoint, adds Authorization (only for the registry's own host), follows
 * redirects itself, answers 401 challenges once, and retries idempotent calls on 5xx/429/I/O errors.
 */
final class Transport {
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final RegistryOptions options;
    private final Endpoints endpoints;
    private final Authenticator auth;
    private final EventSink events;
    private final int attempts;

    Transport(RegistryOptions options, Purpose purpose, Credentials credentials, EventSink events) {
        this(options, purpose, credentials, events, new Schemes());
    }

    Transport(RegistryOptions options, Purpose purpose, Credentials credentials, EventSink events, Schemes schemes) {
        this.options = options;
        this.events = events;
        this.attempts = options.retry().attempts(purpose);
        this.endpoints = new Endpoints(options, purpose, events, schemes);
        this.auth = new Authenticator(credentials, new TokenClient(options.userAgent(), options.retry().requestTimeout()));
    }

    /** Attempts in all for one request or upload session (first try plus retries). */
    /** Stops the HTTP clients (after the last request: what is still in flight fails). */
    void close() {
        endpoints.close();
    }

    int attempts() {
        return attempts;
    }

    RegistryOptions options() {
        return options;
    }

    EventSink events() {
        return events;
    }

    /** The absolute URI of a path on the registry (pings it the first time). */
    URI uri(String registry, String path) throws IOException {
        return endpoints.get(registry).resolve(path);
    }

    /** Sends a call; returns the response when its status is in {@link Call#ok()}, else throws. */
    HttpResponse<InputStream> send(Call call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> r;
            try {
                r = sendAuthenticated(call);
            } catch (RegistryException e) {
                // from the token endpoint
                if (e.status() == 401) throw e.withHint(auth.unauthorized(call.registry()));
                if (!retryable(e.status()) || !call.idempotent() || attempt >= attempts) throw e;
                retryLater(call, attempt, "HTTP " + e.status() + " from the token endpoint", null);
                continue;
            } catch (InterruptedIOException | RegistryUnreachableException e) {
                throw e; // the ping has already retried as often as this call would
            } catch (IOException e) {
                String why = NetworkCause.describe(e, call.uri().getAuthority());
                if (!call.idempotent() || attempt >= attempts || NetworkCause.permanent(e)) {
                    throw new IOException(call.method() + " " + call.uri().getAuthority() + call.uri().getRawPath()
                            + " failed: " + why, e);
                }
                retryLater(call, attempt, why, null);
                continue;
            }
            int status = r.statusCode();
            if (call.ok().contains(status)) return r;
            if (retryable(status) && call.idempotent() && attempt < attempts) {
                discard(r);
                retryLater(call, attempt, "HTTP " + status, r.headers().firstValue("Retry-After").orElse(null));
                continue;
            }
            throw error(call, r);
        }
    }

    static boolean retryable(int status) {
        return status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private HttpResponse<InputStream> sendAuthenticated(Call call) throws IOException {
        Endpoint ep = endpoints.get(call.registry());
        Set<String> scopes = Scopes.withChallenge(call.scopes(), ep.challenge());
        Optional<String> header = auth.header(ep, scopes);
        HttpResponse<InputStream> r = sendFollowingRedirects(ep, call, header);
        if (r.statusCode() != 401 || call.ok().contains(401)) return r;
        Optional<Challenge> fresh = Challenge.select(r.headers().allValues("WWW-Authenticate"));
        if (fresh.isEmpty() || (fresh.get().isBasic() && header.isPresent())) return r;
        discard(r);
        auth.invalidate(ep.registry(), scopes, header.orElse(null));
        ep = endpoints.update(ep.withChallenge(fresh.get()));
        Set<String> widened = Scopes.withChallenge(call.scopes(), fresh.get());
        if (!widened.equals(scopes)) auth.invalidate(ep.registry(), widened, header.orElse(null));
        return sendFollowingRedirects(ep, call, auth.header(ep, widened));
    }

    private HttpResponse<InputStream> sendFollowingRedirects(Endpoint ep, Call call, Optional<String> authHeader)
            throws IOException {
        URI uri = call.uri();
        String method = call.method();
        boolean withBody = call.body() != null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", options.userAgent())
                    .timeout(options.retry().requestTimeout());
            call.headers().forEach(b::header);
            if (authHeader.isPresent() && ep.sameOrigin(uri)) b.header("Authorization", authHeader.get());
            if ("http".equals(uri.getScheme())) b.version(HttpClient.Version.HTTP_1_1);
            b.method(method, withBody ? call.body().publisher() : HttpRequest.BodyPublishers.noBody());
            HttpResponse<InputStream> r = exchange(ep.client(), b.build());
            if (events.accepts(Event.Level.TRACE)) {
                // never the query (pre-signed redirect URLs carry credentials there) nor any header
                events.emit(Event.trace("registry", method + " " + uri.getScheme() + "://" + uri.getRawAuthority()
                        + uri.getRawPath() + " -> " + r.statusCode() + (r.version() == HttpClient.Version.HTTP_2 ? " (HTTP/2)" : "")));
            }
            Optional<String> location = r.headers().firstValue("Location");
            if (!REDIRECTS.contains(r.statusCode()) || location.isEmpty() || call.ok().contains(r.statusCode())) return r;
            discard(r);
            uri = uri.resolve(location.get());
            if (r.statusCode() == 303 && !method.equals("HEAD")) {
                method = "GET";
                withBody = false;
            }
        }
        throw new IOException(call.method() + " " + call.uri().getRawPath() + ": more than " + MAX_REDIRECTS + " redirects");
    }

    static HttpResponse<InputStream> exchange(HttpClient client, HttpRequest req) throws IOException {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + req.method() + " " + req.uri().getRawPath());
        }
    }

    private RegistryException error(Call call, HttpResponse<InputStream> r) throws IOException {
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(64 * 1024);
        }
        URI u = r.uri();
        RegistryException e = RegistryException.of(r.statusCode(), call.method(), u.getAuthority(), u.getRawPath(), body,
                r.headers().firstValue("Retry-After").orElse(null));
        return r.statusCode() == 401 ? e.withHint(auth.unauthorized(call.registry())) : e;
    }

    private void retryLater(Call call, int attempt, String why, String retryAfter) throws IOException {
        Duration delay = options.retry().delay(attempt, retryAfter);
        events.emit(Event.debug("registry", "retrying " + call.method() + " " + call.uri().getRawPath()
                + " after " + why + (retryAfter == null ? "" : " (Retry-After: " + retryAfter + ")")
                + " in " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of " + attempts + ")"));
        sleep(delay, call.method() + " " + call.uri().getRawPath());
    }

    static void sleep(Duration delay, String what) throws InterruptedIOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + what);
        }
    }

    static void discard(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            in.skip(Long.MAX_VALUE);
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }
}
