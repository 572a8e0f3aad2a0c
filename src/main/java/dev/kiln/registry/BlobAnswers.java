package dev.kiln.registry;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * Checks what a registry says about a blob kiln reuses without reading it (HEAD, cross-repository mount): the
 * {@code Docker-Content-Digest} and {@code Content-Length} headers, when present, must match the descriptor.
 */
final class BlobAnswers {
    private BlobAnswers() {}

    static void check(HttpResponse<?> r, Digest digest, long size, String what) throws IOException {
        String d = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (d != null && !d.isBlank() && !d.strip().equals(digest.toString())) {
            throw new IOException(what + ": the registry answered with digest " + d.strip() + ", expected " + digest);
        }
        if (size >= 0 && r.request().method().equals("HEAD")) {
            long len = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (len >= 0 && len != size) {
                throw new IOException(what + ": the registry holds " + len + " bytes, the manifest says " + size);
            }
        }
    }
}
