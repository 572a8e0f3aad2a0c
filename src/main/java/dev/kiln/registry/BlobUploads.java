package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.image.Blob;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

/**
 * Blob upload sessions: POST, PATCH chunks (one streamed PATCH unless a chunk size is set), PUT with the digest;
 * and cross-repository mounts. A dropped PATCH is resumed from the offset the registry reports (GET on the
 * session, {@code Range: 0-N}); a session that cannot be resumed is abandoned and a fresh one started, up to
 * the retry budget, each new attempt first checking (HEAD) whether an earlier one already committed the blob.
 */
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
        if (r.statusCode() == 201) {
            BlobAnswers.check(r, digest, -1, "mount of " + digest + " from " + from + " into " + registry + "/" + repository);
            return true;
        }
        r.headers().firstValue("Location").ifPresent(loc -> cancel(registry, r.uri().resolve(loc), scopes));
        return false;
    }

    /** Uploads the blob, retrying with fresh sessions on server or I/O errors. */
    void upload(String registry, String repository, Blob blob, Set<String> scopes) throws IOException {
        int attempts = transport.attempts();
        Digest digest = blob.descriptor().digest();
        for (int attempt = 1; ; attempt++) {
            IOException failure;
            try {
                if (attempt > 1 && exists(registry, repository, digest, scopes)) return;
                new UploadSession(transport, registry, repository, blob, scopes).run();
                return;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (RegistryException e) {
                if (!Transport.retryable(e.status()) && !sessionLost(e)) throw e;
                failure = e;
            } catch (IOException e) {
                if (e.getCause() instanceof javax.net.ssl.SSLException) throw e;
                failure = e;
            }
            if (attempt >= attempts) {
                throw failure instanceof RegistryException re ? re : new IOException("upload of " + digest + " to "
                        + registry + "/" + repository + " failed after " + attempts + " attempts: " + failure.getMessage(), failure);
            }
            String retryAfter = failure instanceof RegistryException re ? re.retryAfter() : null;
            var delay = transport.options().retry().delay(attempt, retryAfter);
            transport.events().emit(Event.debug("registry", "retrying upload of " + digest + " to " + registry + "/"
                    + repository + " in " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of " + attempts
                    + ") after: " + failure.getMessage()));
            Transport.sleep(delay, "upload of " + digest);
        }
    }

    /** The registry forgot or refused the session (expired, or an interrupted PATCH left it inconsistent). */
    static boolean sessionLost(RegistryException e) {
        return e.hasCode("BLOB_UPLOAD_UNKNOWN") || e.hasCode("BLOB_UPLOAD_INVALID") || e.hasCode("DIGEST_INVALID")
                || e.status() == 416;
    }

    private boolean exists(String registry, String repository, Digest digest, Set<String> scopes) throws IOException {
        URI uri = transport.uri(registry, RegistryClient.blobPath(repository, digest));
        HttpResponse<InputStream> r = transport.send(new Call("HEAD", registry, uri, Map.of(), null, scopes, Set.of(200, 404), true));
        Transport.discard(r);
        return r.statusCode() == 200;
    }

    /** Appends a query parameter to a Location that may already carry a query (e.g. {@code _state=}). */
    static URI withQuery(URI location, String param) {
        String s = location.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) s = s.substring(0, hash);
        return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + param);
    }

    void cancel(String registry, URI session, Set<String> scopes) {
        try {
            Transport.discard(transport.send(new Call("DELETE", registry, session, Map.of(), null, scopes,
                    Set.of(200, 202, 204, 404, 405), false)));
        } catch (IOException ignored) {
            // an abandoned session expires on the registry by itself
        }
    }
}
