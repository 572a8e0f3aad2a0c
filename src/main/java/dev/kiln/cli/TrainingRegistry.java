package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A registry in memory on 127.0.0.1, only for the AOT training run ({@link AotTraining}): it serves the image of an OCI
 * layout as {@code NAME:1} for any repository name and takes pushes (monolithic or chunked blob uploads, manifests), so
 * the training pulls, extracts and pushes for real and the classes of those paths are in the AOT cache. Not a registry
 * for anything else: no auth, no deletes, no listing.
 */
final class TrainingRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();

    private record Manifest(String mediaType, byte[] bytes, String digest) {}

    private TrainingRegistry(HttpServer server) {
        this.server = server;
    }

    /** Serves the first image of the OCI layout {@code layout} as tag {@code 1}. */
    static TrainingRegistry start(Path layout) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TrainingRegistry r = new TrainingRegistry(s);
        try (Stream<Path> files = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path f : files.toList()) r.blobs.put("sha256:" + f.getFileName(), Files.readAllBytes(f));
        }
        JsonNode desc = new ObjectMapper().readTree(layout.resolve("index.json").toFile()).get("manifests").get(0);
        String digest = desc.get("digest").asText();
        r.manifests.put("1", new Manifest(desc.get("mediaType").asText(), r.blobs.get(digest), digest));
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/v2/", r::handle);
        s.start();
        return r;
    }

    /** HOST:PORT of the registry. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String query = x.getRequestURI().getQuery() == null ? "" : x.getRequestURI().getQuery();
            String method = x.getRequestMethod();
            byte[] body = x.getRequestBody().readAllBytes();
            if (path.equals("/v2/")) {
                send(x, 200, "{}".getBytes(), "application/json");
            } else if (path.contains("/manifests/")) {
                manifest(x, method, path.substring(path.indexOf("/manifests/") + 11), body);
            } else if (path.contains("/blobs/uploads/")) {
                upload(x, method, path, query, body);
            } else if (path.contains("/blobs/")) {
                byte[] b = blobs.get(path.substring(path.indexOf("/blobs/") + 7));
                if (b == null) send(x, 404, new byte[0], null);
                else send(x, 200, b, "application/octet-stream");
            } else {
                send(x, 404, new byte[0], null);
            }
        }
    }

    private void manifest(HttpExchange x, String method, String ref, byte[] body) throws IOException {
        if (method.equals("PUT")) {
            String digest = sha256(body);
            Manifest m = new Manifest(x.getRequestHeaders().getFirst("Content-Type"), body, digest);
            manifests.put(ref, m);
            manifests.put(digest, m);
            x.getResponseHeaders().set("Docker-Content-Digest", digest);
            send(x, 201, new byte[0], null);
            return;
        }
        Manifest m = manifests.get(ref);
        if (m == null) {
            send(x, 404, new byte[0], null);
            return;
        }
        x.getResponseHeaders().set("Docker-Content-Digest", m.digest());
        send(x, 200, m.bytes(), m.mediaType());
    }

    private void upload(HttpExchange x, String method, String path, String query, byte[] body) throws IOException {
        String base = path.substring(0, path.indexOf("/blobs/uploads/") + 15);
        String id = path.substring(base.length());
        if (method.equals("POST")) {
            id = UUID.randomUUID().toString();
            uploads.put(id, new byte[0]);
        }
        byte[] sofar = concat(uploads.getOrDefault(id, new byte[0]), body);
        String digest = param(query, "digest");
        if (digest != null) {
            uploads.remove(id);
            if (!digest.equals(sha256(sofar))) {
                send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}".getBytes(), "application/json");
                return;
            }
            blobs.put(digest, sofar);
            x.getResponseHeaders().set("Docker-Content-Digest", digest);
            x.getResponseHeaders().set("Location", path.substring(0, path.indexOf("/uploads/")) + "/" + digest);
            send(x, 201, new byte[0], null);
            return;
        }
        uploads.put(id, sofar);
        x.getResponseHeaders().set("Location", base + id);
        x.getResponseHeaders().set("Range", "0-" + Math.max(0, sofar.length - 1));
        x.getResponseHeaders().set("Docker-Upload-UUID", id);
        send(x, 202, new byte[0], null);
    }

    private static void send(HttpExchange x, int status, byte[] body, String type) throws IOException {
        if (type != null) x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        if (head || body.length == 0) {
            if (body.length > 0) x.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) return java.net.URLDecoder.decode(kv.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
        o.writeBytes(a);
        o.writeBytes(b);
        return o.toByteArray();
    }

    private static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
