package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Blob;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

/**
 * The distribution API for one purpose (pull or push): manifests and blobs. One per build; thread-safe.
 * Everything read is verified against its digest; nothing is buffered beyond manifests and configs.
 */
public final class RegistryClient {
    /** Largest manifest accepted (the distribution registry's own limit). */
    static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final Transport transport;
    private final Purpose purpose;
    private final EventSink events;
    private final BlobUploads uploads;

    public RegistryClient(RegistryOptions options, Purpose purpose, Credentials credentials, EventSink events) {
        this(options, purpose, credentials, events, new Schemes());
    }

    RegistryClient(RegistryOptions options, Purpose purpose, Credentials credentials, EventSink events, Schemes schemes) {
        this.transport = new Transport(options, purpose, credentials, events, schemes);
        this.purpose = purpose;
        this.events = events;
        this.uploads = new BlobUploads(transport);
    }

    /** Stops this client's HTTP connections and threads; requests after it fail. */
    public void close() {
        transport.close();
    }

    public Purpose purpose() {
        return purpose;
    }

    RegistryOptions options() {
        return transport.options();
    }

    /** Fetches a manifest or index; verifies it against the reference's digest and Docker-Content-Digest. */
    public ManifestResponse getManifest(Reference ref) throws IOException {
        return retryingContent("manifest " + ref, () -> getManifestOnce(ref));
    }

    private ManifestResponse getManifestOnce(Reference ref) throws IOException {
        URI uri = transport.uri(ref.registry(), "/v2/" + ref.repository() + "/manifests/" + ref.reference());
        HttpResponse<InputStream> r = transport.send(Call.get(ref.registry(), uri, scopes(ref.repository(), null),
                Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), 200));
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new IOException("manifest " + ref + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        Digest expected = ref.digest();
        Digest actual = digestOf(body, expected == null ? "sha256" : expected.algorithm());
        if (expected != null && !expected.equals(actual)) {
            throw new IOException("manifest " + ref + ": digest mismatch: expected " + expected + ", got " + actual);
        }
        var header = r.headers().firstValue("Docker-Content-Digest").map(RegistryClient::parseDigestOrNull);
        if (header.isPresent() && header.get() != null && header.get().algorithm().equals(actual.algorithm())
                && !header.get().equals(actual)) {
            throw new IOException("manifest " + ref + ": Docker-Content-Digest " + header.get()
                    + " does not match the content's digest " + actual);
        }
        String type = ManifestTypes.detect(r.headers().firstValue("Content-Type").orElse(null), body);
        return new ManifestResponse(body, type, actual);
    }

    /** Streams a blob; reading it to the end verifies its size and digest (an IOException on mismatch). */
    EventSink events() {
        return events;
    }

    public InputStream openBlob(String registry, String repository, Descriptor d) throws IOException {
        URI uri = transport.uri(registry, blobPath(repository, d.digest()));
        HttpResponse<InputStream> r = transport.send(Call.get(registry, uri, scopes(repository, null), Map.of(), 200));
        return new VerifyingInputStream(r.body(), d.digest(), d.size(),
                "blob " + d.digest() + " from " + registry + "/" + repository);
    }

    /** Reads a small blob (a config) fully, verified; refuses blobs over {@code max} bytes. */
    public byte[] readBlob(String registry, String repository, Descriptor d, int max) throws IOException {
        if (d.size() > max) {
            throw new IOException("blob " + d.digest() + " in " + registry + "/" + repository + " is " + d.size()
                    + " bytes, more than the " + max + " allowed here");
        }
        return retryingContent("blob " + d.digest() + " in " + registry + "/" + repository, () -> {
            try (InputStream in = openBlob(registry, repository, d)) {
                return in.readAllBytes();
            }
        });
    }

    /**
     * Checks that kiln may push to the repository (as Kaniko's push permission check): starts an upload
     * session and cancels it. Throws the registry's error (401/403 with its codes) when it may not.
     */
    public void checkPushPermission(String registry, String repository) throws IOException {
        URI uri = transport.uri(registry, "/v2/" + repository + "/blobs/uploads/");
        Set<String> scopes = scopes(repository, null);
        HttpResponse<InputStream> r = transport.send(new Call("POST", registry, uri, Map.of(),
                java.net.http.HttpRequest.BodyPublishers::noBody, scopes, Set.of(202), true));
        Transport.discard(r);
        r.headers().firstValue("Location").ifPresent(loc -> uploads.cancel(registry, r.uri().resolve(loc), scopes));
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Retries a fetch whose content failed verification or was cut short (HTTP errors are retried below). */
    private <T> T retryingContent(String what, IoSupplier<T> fetch) throws IOException {
        int attempts = transport.attempts();
        for (int attempt = 1; ; attempt++) {
            try {
                return fetch.get();
            } catch (RegistryException | RegistryUnreachableException | java.io.InterruptedIOException e) {
                throw e; // answered, or already retried by the transport
            } catch (IOException e) {
                if (attempt >= attempts) throw e;
                var delay = transport.options().retry().delay(attempt, null);
                events.emit(Event.debug("registry", "retrying " + what + " (attempt " + (attempt + 1) + " of "
                        + attempts + ") after: " + e.getMessage()));
                Transport.sleep(delay, what);
            }
        }
    }

    /** HEAD on the blob: true if the repository has it. */
    public boolean blobExists(String registry, String repository, Digest digest) throws IOException {
        return blobExists(registry, repository, digest, -1);
    }

    /**
     * HEAD on a blob. A blob that is reused without being read (pushed as "exists" or mounted) is still checked:
     * the registry's {@code Docker-Content-Digest} and {@code Content-Length}, when it sends them, must be the
     * expected digest and size ({@code size} -1: not checked).
     */
    public boolean blobExists(String registry, String repository, Digest digest, long size) throws IOException {
        URI uri = transport.uri(registry, blobPath(repository, digest));
        HttpResponse<InputStream> r = transport.send(new Call("HEAD", registry, uri, Map.of(), null,
                scopes(repository, null), Set.of(200, 404), true));
        Transport.discard(r);
        if (r.statusCode() != 200) return false;
        BlobAnswers.check(r, digest, size, "HEAD " + registry + "/" + repository + " blob " + digest);
        return true;
    }

    /** Cross-repository mount: true if mounted (201); false (202, session cancelled) if the registry declined. */
    public boolean mountBlob(String registry, String repository, Digest digest, String fromRepository) throws IOException {
        boolean mounted = uploads.mount(registry, repository, digest, fromRepository, scopes(repository, fromRepository));
        events.emit(Event.debug("registry", (mounted ? "mounted " : "could not mount ") + digest + " from "
                + fromRepository + " into " + registry + "/" + repository));
        return mounted;
    }

    /** Uploads a blob (POST, then PUT streaming {@link Blob#open()} with a known length). */
    public void uploadBlob(String registry, String repository, Blob blob) throws IOException {
        uploads.upload(registry, repository, blob, scopes(repository, null));
    }

    /** PUTs a manifest; returns its digest (Docker-Content-Digest, else computed from the body). */
    public Digest putManifest(Reference ref, byte[] body, String mediaType) throws IOException {
        return putManifestAnswer(ref, body, mediaType).digest();
    }

    /**
     * The answer to a manifest PUT: its digest, and whether the registry sent {@code OCI-Subject} (OCI distribution
     * 1.1: it keeps a referrers index for a manifest with a {@code subject}, so no referrers tag is needed).
     */
    public record ManifestPut(Digest digest, boolean referrersApi) {}

    /** PUTs a manifest (one with a {@code subject}, typically) and says whether the registry indexes referrers itself. */
    public ManifestPut putManifestAnswer(Reference ref, byte[] body, String mediaType) throws IOException {
        URI uri = transport.uri(ref.registry(), "/v2/" + ref.repository() + "/manifests/" + ref.reference());
        byte[] copy = body.clone();
        HttpResponse<InputStream> r = transport.send(new Call("PUT", ref.registry(), uri,
                Map.of("Content-Type", mediaType), () -> java.net.http.HttpRequest.BodyPublishers.ofByteArray(copy),
                scopes(ref.repository(), null), Set.of(200, 201, 202), true));
        Transport.discard(r);
        Digest computed = Digest.sha256(copy);
        Digest header = r.headers().firstValue("Docker-Content-Digest").map(RegistryClient::parseDigestOrNull).orElse(null);
        return new ManifestPut(header != null ? header : computed, r.headers().firstValue("OCI-Subject").isPresent());
    }

    private Set<String> scopes(String repository, String mountFrom) {
        return purpose == Purpose.PUSH ? Scopes.forPush(repository, mountFrom) : Scopes.forPull(repository);
    }

    static String blobPath(String repository, Digest digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    private static Digest digestOf(byte[] body, String algorithm) {
        if (algorithm.equals("sha256")) return Digest.sha256(body);
        var md = new Digest(algorithm, "0".repeat(128)).newMessageDigest();
        return new Digest(algorithm, java.util.HexFormat.of().formatHex(md.digest(body)));
    }

    private static Digest parseDigestOrNull(String s) {
        try {
            return Digest.parse(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
