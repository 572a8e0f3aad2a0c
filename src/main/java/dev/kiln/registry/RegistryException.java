package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry answered with an unexpected HTTP status. Carries the status, the registry's error codes
 * ({@code errors[].code/message} of the distribution spec), the method and URL path — never credentials
 * or query strings (upload URLs and storage redirects carry signed state there).
 */
public final class RegistryException extends IOException {
    /** One entry of the registry's {@code errors} array. */
    public record RegistryError(String code, String message) {
        @Override
        public String toString() {
            return message == null || message.isBlank() ? code : code + ": " + message;
        }
    }

    private final int status;
    private final String method;
    private final String host;
    private final String path;
    private final List<RegistryError> errors;
    private final String retryAfter;
    private final String detail;

    public RegistryException(int status, String method, String host, String path, List<RegistryError> errors, String detail) {
        this(status, method, host, path, errors, detail, null);
    }

    RegistryException(int status, String method, String host, String path, List<RegistryError> errors, String detail,
                      String retryAfter) {
        this(status, method, host, path, errors, detail, retryAfter, null);
    }

    private RegistryException(int status, String method, String host, String path, List<RegistryError> errors, String detail,
                              String retryAfter, String hint) {
        super(message(status, method, host, path, errors, detail, hint));
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.status = status;
        this.method = method;
        this.host = host;
        this.path = path;
        this.errors = List.copyOf(errors);
    }

    /** Builds the exception from a response body (JSON errors if the registry sent them). */
    static RegistryException of(int status, String method, String host, String path, byte[] body) {
        return of(status, method, host, path, body, null);
    }

    static RegistryException of(int status, String method, String host, String path, byte[] body, String retryAfter) {
        List<RegistryError> errs = parseErrors(body);
        String detail = null;
        if (errs.isEmpty() && body != null && body.length > 0) {
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() && !text.startsWith("<")) detail = text.replaceAll("\\s+", " ");
        }
        return new RegistryException(status, method, host, path, errs, detail, retryAfter);
    }

    static List<RegistryError> parseErrors(byte[] body) {
        List<RegistryError> out = new ArrayList<>();
        if (body == null || body.length == 0) return out;
        try {
            JsonNode root = Json.mapper().readTree(body);
            for (JsonNode e : root.path("errors")) {
                String code = e.path("code").asText("");
                if (!code.isEmpty()) out.add(new RegistryError(code, e.path("message").asText("")));
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the caller shows the text instead
        }
        return out;
    }

    /** The same answer with what kiln knows about it first (for a 401: which credentials were sent, from where). */
    RegistryException withHint(String hint) {
        RegistryException e = new RegistryException(status, method, host, path, errors, detail, retryAfter, hint);
        e.initCause(this);
        return e;
    }

    private static String message(int status, String method, String host, String path, List<RegistryError> errors, String detail,
                                  String hint) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(host).append(path).append(": HTTP ").append(status);
        String reason = reason(status);
        if (reason != null) b.append(' ').append(reason);
        if (hint != null) b.append(": ").append(hint);
        for (RegistryError e : errors) b.append("; ").append(e);
        if (detail != null) b.append("; ").append(detail);
        return b.toString();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> null;
        };
    }

    public int status() { return status; }
    /** The registry's {@code Retry-After} header, or null. */
    public String retryAfter() { return retryAfter; }
    public String method() { return method; }
    public String host() { return host; }
    public String path() { return path; }
    public List<RegistryError> errors() { return errors; }

    public boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }
}
