package dev.kiln.context.source;

import dev.kiln.context.ContextException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** A plain {@code http(s)://} download (a context tarball, or a Dockerfile) with the JDK client, streamed. */
final class HttpsArchive {
    private HttpsArchive() {}

    /** The body of a GET, as a stream; any status but 200 is a {@link ContextException} naming it. */
    static InputStream open(String url, String what) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ContextException("invalid " + what + " URL '" + url + "': " + e.getMessage());
        }
        HttpRequest req = HttpRequest.newBuilder(uri).header("User-Agent", "kiln").GET().build();
        HttpResponse<InputStream> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted downloading " + url, e);
        } catch (IOException e) {
            throw new ContextException("cannot download " + what + " " + url + ": " + e, e);
        }
        if (res.statusCode() != 200) {
            res.body().close();
            String why = switch (res.statusCode()) {
                case 401, 403 -> "access denied";
                case 404 -> "not found";
                default -> "unexpected status";
            };
            throw new ContextException(what + " " + url + ": " + why + " (HTTP " + res.statusCode() + ")");
        }
        return res.body();
    }

    /** Downloads {@code url} to {@code file}. */
    static void download(String url, Path file, String what) throws IOException {
        try (InputStream in = open(url, what)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
