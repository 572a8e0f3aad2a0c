package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json}: {@code credHelpers} per registry first, then {@code auths}
 * entries (keys like {@code host}, {@code https://host}, {@code https://host/v1/}), then {@code credsStore}.
 * The caller passes the directory ($DOCKER_CONFIG or ~/.docker); a missing file means no credentials.
 */
public final class DockerConfig implements Credentials {
    static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

    private final Path file;
    private final Map<String, JsonNode> auths;
    private final Map<String, String> authKeys;
    private final Map<String, String> credHelpers;
    private final String credsStore;
    private final Path helperDirectory;

    private DockerConfig(Path file, JsonNode root, Path helperDirectory) {
        this.file = file;
        this.helperDirectory = helperDirectory;
        this.auths = new LinkedHashMap<>();
        this.authKeys = new LinkedHashMap<>();
        this.credHelpers = new LinkedHashMap<>();
        for (var e : root.path("auths").properties()) {
            auths.putIfAbsent(hostOf(e.getKey()), e.getValue());
            authKeys.putIfAbsent(hostOf(e.getKey()), e.getKey());
        }
        for (var e : root.path("credHelpers").properties()) {
            credHelpers.putIfAbsent(hostOf(e.getKey()), e.getValue().asText());
        }
        String store = root.path("credsStore").asText("");
        this.credsStore = store.isBlank() ? null : store;
    }

    /** Reads {@code dir/config.json}; helpers are looked up on PATH. */
    public static DockerConfig load(Path dir) throws IOException {
        return load(dir, null);
    }

    /** Reads {@code dir/config.json}; helpers are run from {@code helperDirectory} (null: PATH). */
    public static DockerConfig load(Path dir, Path helperDirectory) throws IOException {
        Path f = dir.resolve("config.json");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return new DockerConfig(f, Json.mapper().createObjectNode(), helperDirectory);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IOException("invalid Docker config " + f + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException("invalid Docker config " + f + ": not a JSON object");
        return new DockerConfig(f, root, helperDirectory);
    }

    @Override
    public Optional<Credential> lookup(String registry) throws IOException {
        String host = canonical(registry);
        String helper = credHelpers.get(host);
        if (helper != null) return new CredentialHelper(helper, helperDirectory).get(serverUrl(host));
        JsonNode entry = auths.get(host);
        if (entry != null) {
            Optional<Credential> c = fromAuthEntry(host, entry);
            if (c.isPresent()) return c;
        }
        if (credsStore != null) return new CredentialHelper(credsStore, helperDirectory).get(serverUrl(host));
        return Optional.empty();
    }

    @Override
    public String origin(String registry) {
        String host = canonical(registry);
        String helper = credHelpers.get(host);
        if (helper != null) return file + ", credHelpers entry \"" + host + "\" (docker-credential-" + helper + ")";
        JsonNode entry = auths.get(host);
        if (entry != null && !entry.path("identitytoken").asText("").isEmpty()) {
            return file + ", auths entry \"" + authKeys.get(host) + "\" (identitytoken)";
        }
        if (entry != null && (!entry.path("auth").asText("").isEmpty() || !entry.path("username").asText("").isEmpty())) {
            return file + ", auths entry \"" + authKeys.get(host) + "\"";
        }
        if (credsStore != null) return file + ", credsStore (docker-credential-" + credsStore + ")";
        return Files.exists(file) ? "no entry for " + host + " in " + file : file + " does not exist";
    }

    private Optional<Credential> fromAuthEntry(String host, JsonNode e) throws IOException {
        String token = e.path("identitytoken").asText("");
        if (!token.isEmpty()) return Optional.of(new Credential.IdentityToken(token));
        String auth = e.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                throw new IOException(file + ": auths entry for " + host + " has an 'auth' value that is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) throw new IOException(file + ": auths entry for " + host + " has an 'auth' value that is not user:password");
            return Optional.of(new Credential.Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String user = e.path("username").asText("");
        if (!user.isEmpty()) return Optional.of(new Credential.Basic(user, e.path("password").asText("")));
        return Optional.empty();
    }

    /** The host[:port] a config key names: {@code https://host/v1/} → {@code host}; Docker Hub aliases → docker.io. */
    static String hostOf(String key) {
        String k = key.trim();
        if (k.startsWith("http://")) k = k.substring(7);
        else if (k.startsWith("https://")) k = k.substring(8);
        int slash = k.indexOf('/');
        if (slash >= 0) k = k.substring(0, slash);
        return canonical(k);
    }

    private static String canonical(String host) {
        return switch (host) {
            case "index.docker.io", Reference.DOCKER_HUB_API, "registry.hub.docker.com" -> Reference.DOCKER_HUB;
            default -> host;
        };
    }

    /** What a helper is asked for: Docker Hub's legacy URL, else the host. */
    private static String serverUrl(String host) {
        return host.equals(Reference.DOCKER_HUB) ? DOCKER_HUB_SERVER : host;
    }

    @Override
    public String toString() {
        return "DockerConfig[" + file + ", " + auths.size() + " auths, " + credHelpers.size() + " helpers"
                + (credsStore == null ? "" : ", store " + credsStore) + "]";
    }
}
