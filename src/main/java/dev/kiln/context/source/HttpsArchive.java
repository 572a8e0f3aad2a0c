package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import dev.kiln.source.HttpDownload;
import dev.kiln.source.SourceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A plain {@code http(s)://} download (a context tarball, or a Dockerfile) through {@link HttpDownload}, streamed. */
final class HttpsArchive {
    private HttpsArchive() {}

    /** The body of a GET, as a stream; a refused download is a {@link ContextException} naming the status. */
    static InputStream open(String url, String what) throws IOException {
        try {
            return HttpDownload.open(url, what).body();
        } catch (SourceException e) {
            throw new ContextException(e.getMessage(), e);
        }
    }

    /** Downloads {@code url} to {@code file}. */
    static void download(String url, Path file, String what) throws IOException {
        try (InputStream in = open(url, what)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
