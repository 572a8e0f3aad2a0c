package dev.kiln.registry;

import dev.kiln.image.Blob;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

/** Blob upload sessions: monolithic upload (POST then PUT with the digest) and cross-repository mounts. */
final class BlobUploads {
    private final Transport transport;

    BlobUploads(Transport transport) {
        this.transport = transport;
    }

    boolean mount(String registry, String repository, Digest digest, String from, Set<String> scopes) throws IOException {
        URI uri = transport.uri(registry, "/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from);
        HttpResponse<InputStream> r = transport.send(new Call("POST", registry, uri, Map.of(),
                HttpRequest.BodyPublishers::noBody, scopes, Set.of(201, 202), false));
        Transport.discard(r);
        if (r.statusCode() == 201) return true;
        r.headers().firstValue("Location").ifPresent(loc -> cancel(registry, r.uri().resolve(loc), scopes));
        return false;
    }

    /** Uploads the blob; the whole session is retried (a fresh one each time) on server or I/O errors. */
    void upload(String registry, String repository, Blob blob, Set<String> scopes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                uploadOnce(registry, repository, blob, scopes);
                return;
            } catch (RegistryException e) {
                if (attempt >= Transport.MAX_TRIES || !Transport.retryable(e.status())) throw e;
            } catch (IOException e) {
                if (attempt >= Transport.MAX_TRIES || e instanceof java.io.InterruptedIOException
                        || e.getCause() instanceof javax.net.ssl.SSLException) throw e;
            }
        }
    }

    private void uploadOnce(String registry, String repository, Blob blob, Set<String> scopes) throws IOException {
        URI start = transport.uri(registry, "/v2/" + repository + "/blobs/uploads/");
        HttpResponse<InputStream> r = transport.send(new Call("POST", registry, start, Map.of(),
                HttpRequest.BodyPublishers::noBody, scopes, Set.of(202), false));
        Transport.discard(r);
        String location = r.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("POST " + start.getRawPath() + " on " + registry + ": no Location header"));
        URI put = withQuery(r.uri().resolve(location), "digest=" + blob.descriptor().digest());
        long size = blob.descriptor().size();
        Call.Body body = size == 0 ? HttpRequest.BodyPublishers::noBody
                : () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(blob)), size);
        HttpResponse<InputStream> done = transport.send(new Call("PUT", registry, put,
                Map.of("Content-Type", "application/octet-stream"), body, scopes, Set.of(201, 204), false));
        Transport.discard(done);
    }

    /** Appends a query parameter to a Location that may already carry a query (e.g. {@code _state=}). */
    static URI withQuery(URI location, String param) {
        String s = location.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) s = s.substring(0, hash);
        return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + param);
    }

    private void cancel(String registry, URI session, Set<String> scopes) {
        try {
            Transport.discard(transport.send(new Call("DELETE", registry, session, Map.of(), null, scopes,
                    Set.of(200, 202, 204, 404, 405), false)));
        } catch (IOException ignored) {
            // an abandoned session expires on the registry by itself
        }
    }

    private static InputStream open(Blob blob) {
        try {
            return blob.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open blob " + blob.descriptor().digest() + ": " + e.getMessage(), e);
        }
    }
}
