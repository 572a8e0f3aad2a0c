package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.image.Blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** One upload session: POST, PATCH chunks (resuming at the registry's offset after a drop), PUT ?digest=. */
final class UploadSession {
    private final Transport transport;
    private final String registry;
    private final String repository;
    private final Blob blob;
    private final Set<String> scopes;
    private URI location;

    UploadSession(Transport transport, String registry, String repository, Blob blob, Set<String> scopes) {
        this.transport = transport;
        this.registry = registry;
        this.repository = repository;
        this.blob = blob;
        this.scopes = scopes;
    }

    void run() throws IOException {
        URI start = transport.uri(registry, "/v2/" + repository + "/blobs/uploads/");
        HttpResponse<InputStream> r = transport.send(new Call("POST", registry, start, Map.of(),
                HttpRequest.BodyPublishers::noBody, scopes, Set.of(202), false));
        Transport.discard(r);
        location = next(r, start);
        long size = blob.descriptor().size();
        long chunk = transport.options().uploadChunkSize() == 0 ? Math.max(1, size) : transport.options().uploadChunkSize();
        long offset = 0;
        int resumes = 0;
        while (offset < size) {
            long len = Math.min(chunk, size - offset);
            try {
                patch(offset, len);
                offset += len;
                transport.events().emit(new Event.BlobProgress(blob.descriptor().digest().toString(),
                        registry + "/" + repository, offset, size));
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (e instanceof RegistryException re && !Transport.retryable(re.status())) throw e;
                if (++resumes >= transport.attempts()) throw e;
                long at = resumeOffset().orElseThrow(() -> e);
                transport.events().emit(Event.debug("registry", "resuming upload of " + blob.descriptor().digest()
                        + " to " + registry + "/" + repository + " at byte " + at + " after: " + e.getMessage()));
                offset = at;
            }
        }
        URI put = BlobUploads.withQuery(location, "digest=" + blob.descriptor().digest());
        HttpResponse<InputStream> done = transport.send(new Call("PUT", registry, put,
                Map.of("Content-Type", "application/octet-stream"), HttpRequest.BodyPublishers::noBody, scopes,
                Set.of(201, 204), false));
        Transport.discard(done);
    }

    private void patch(long offset, long len) throws IOException {
        Call.Body body = () -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(offset, len)), len);
        HttpResponse<InputStream> r = transport.send(new Call("PATCH", registry, location,
                Map.of("Content-Type", "application/octet-stream", "Content-Range", offset + "-" + (offset + len - 1)),
                body, scopes, Set.of(202, 204), false));
        Transport.discard(r);
        location = next(r, location);
    }

    /** Asks the registry how much of the session it holds; empty when the session cannot be resumed. */
    private OptionalLong resumeOffset() {
        try {
            HttpResponse<InputStream> r = transport.send(Call.get(registry, location, scopes, Map.of(), 204));
            Transport.discard(r);
            String range = r.headers().firstValue("Range").orElse("");
            int dash = range.indexOf('-');
            if (dash < 0) return OptionalLong.empty();
            long end = Long.parseLong(range.substring(dash + 1).trim());
            // "0-0" means 0 or 1 bytes in distribution: ambiguous, so start over
            if (end <= 0) return OptionalLong.empty();
            location = next(r, location);
            return OptionalLong.of(end + 1);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static URI next(HttpResponse<?> r, URI current) throws IOException {
        String loc = r.headers().firstValue("Location").orElse(null);
        if (loc == null) {
            if (r.request().method().equals("POST")) {
                throw new IOException("POST " + current.getRawPath() + ": the registry sent no Location for the upload");
            }
            return current;
        }
        return r.uri().resolve(loc);
    }

    private InputStream open(long offset, long len) {
        try {
            InputStream in = blob.open();
            in.skipNBytes(offset);
            return new LimitedInputStream(in, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open blob " + blob.descriptor().digest() + ": " + e.getMessage(), e);
        }
    }

    /** At most {@code limit} bytes of the underlying stream. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
