package dev.kiln.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * An {@code http(s)://} GET with the JDK client, redirects followed, the body streamed: the one downloader for
 * context tarballs, remote Dockerfiles and {@code ADD <url>}. Any status but 2xx is a {@link SourceException}
 * naming what was fetched, the URL and the status.
 */
public final class HttpDownload {
    /** An open response: read and close {@link #body()}. */
    public record Response(URI uri, HttpHeaders headers, InputStream body) {}

    private HttpDownload() {}

    public static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /**
     * @param what what is fetched, for messages ("context archive", "Dockerfile", "ADD source")
     */
    public static Response open(String url, String what) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceException("invalid " + what + " URL '" + url + "': " + e.getMessage(), e);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(uri).header("User-Agent", "kiln").GET().timeout(Duration.ofMinutes(10)).build();
        HttpResponse<InputStream> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted downloading " + url, e);
        } catch (IOException e) {
            throw new SourceException("cannot download " + what + " " + url + ": " + e, e);
        }
        if (res.statusCode() / 100 != 2) {
            res.body().close();
            String why = switch (res.statusCode()) {
                case 401, 403 -> "access denied";
                case 404 -> "not found";
                default -> "unexpected status";
            };
            throw new SourceException(what + " " + url + ": " + why + " (HTTP " + res.statusCode() + ")");
        }
        return new Response(uri, res.headers(), res.body());
    }
}
