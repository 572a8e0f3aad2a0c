package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper ({@code docker-credential-<name> get}): server URL on stdin, JSON
 * {@code {"ServerURL","Username","Secret"}} on stdout. Username {@code <token>} means an identity token.
 *
 * @param name      the helper's suffix, e.g. {@code pass}, {@code ecr-login}
 * @param directory where the helper binary lives, or null to find it on PATH
 */
public record CredentialHelper(String name, Path directory) {
    private static final long TIMEOUT_SECONDS = 60;

    public CredentialHelper {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("invalid credential helper name '" + name + "'");
        }
    }

    public String command() {
        String bin = "docker-credential-" + name;
        return directory == null ? bin : directory.resolve(bin).toString();
    }

    /** Asks the helper for the credential of {@code serverUrl}; empty when it has none. */
    public Optional<Credential> get(String serverUrl) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command(), "get").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("credential helper " + command() + " cannot be started: " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the helper may exit without reading stdin; its exit status tells what happened
        }
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        int rc = waitFor(p);
        String text = new String(out, StandardCharsets.UTF_8).trim();
        if (rc != 0) {
            String msg = (text + " " + new String(err, StandardCharsets.UTF_8)).trim();
            if (msg.toLowerCase().contains("credentials not found")) return Optional.empty();
            throw new IOException("credential helper " + command() + " get " + serverUrl + " exited " + rc + ": " + firstLine(msg));
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new IOException("credential helper " + command() + " printed invalid JSON for " + serverUrl, e);
        }
        String user = json.path("Username").asText("");
        String secret = json.path("Secret").asText("");
        if (secret.isEmpty()) return Optional.empty();
        if (user.equals("<token>")) return Optional.of(new Credential.IdentityToken(secret));
        if (user.isEmpty()) return Optional.empty();
        return Optional.of(new Credential.Basic(user, secret));
    }

    private int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("credential helper " + command() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for credential helper " + command(), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
