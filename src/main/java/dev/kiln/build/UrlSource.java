package dev.kiln.build;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * ADD of an http(s) URL, as BuildKit: the file is downloaded (never unpacked), named after the last segment of the
 * URL path (or Content-Disposition's filename), mode 0600, mtime from {@code Last-Modified} (else the build time),
 * owned by root; {@code --checksum=sha256:…} is verified before anything is written.
 */
final class UrlSource {
    private UrlSource() {}

    static boolean isUrl(String src) {
        String l = src.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    static SourceEntry fetch(String url, String checksum, Path into, long buildTime) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL " + url + ": " + e.getMessage(), e);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(10)).build();
        Path file = into.resolve("download");
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() / 100 != 2) {
                throw new IOException("failed to download " + url + ": HTTP " + resp.statusCode());
            }
            try (var out = new java.security.DigestOutputStream(Files.newOutputStream(file), sha)) {
                in.transferTo(out);
            }
        }
        if (checksum != null) {
            Digest want;
            try {
                want = Digest.parse(checksum);
            } catch (IllegalArgumentException e) {
                throw new IOException("invalid --checksum " + checksum + ": " + e.getMessage(), e);
            }
            String got = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!want.toString().equals(got)) {
                throw new IOException("digest mismatch for " + url + ": expected " + want + ", got " + got);
            }
        }
        long mtime = resp.headers().firstValue("Last-Modified").map(UrlSource::httpDate).orElse(buildTime);
        String name = resp.headers().firstValue("Content-Disposition").map(UrlSource::dispositionName).orElse(null);
        if (name == null || name.isEmpty()) name = baseName(uri);
        return new SourceEntry(name, file, SourceEntry.Kind.FILE, 0600, Files.size(file), mtime, null);
    }

    private static long httpDate(String v) {
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String dispositionName(String v) {
        for (String part : v.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("filename=")) {
                String n = p.substring(9).replace("\"", "");
                n = n.substring(n.lastIndexOf('/') + 1);
                return n.equals("..") || n.equals(".") ? null : n;
            }
        }
        return null;
    }

    static String baseName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String n = path.substring(path.lastIndexOf('/') + 1);
        return n.isEmpty() || n.equals("..") ? "__unnamed__" : n;
    }
}
