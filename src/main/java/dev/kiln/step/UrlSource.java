package dev.kiln.step;

import dev.kiln.image.Digest;
import dev.kiln.source.HttpDownload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * ADD of an http(s) URL, as BuildKit: the file is downloaded (never unpacked), named after the last segment of the
 * URL path (or Content-Disposition's filename), mode 0600, mtime from {@code Last-Modified} (else the build time),
 * owned by root; {@code --checksum=sha256:…} is verified before anything is written.
 */
public final class UrlSource {
    private UrlSource() {}

    static boolean isUrl(String src) {
        return HttpDownload.isUrl(src);
    }

    static SourceEntry fetch(String url, String checksum, Path into, long buildTime) throws IOException {
        Path file = into.resolve("download");
        HttpDownload.Response resp = HttpDownload.open(url, "ADD source");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = resp.body()) {
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
        if (name == null || name.isEmpty()) name = baseName(resp.uri());
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
