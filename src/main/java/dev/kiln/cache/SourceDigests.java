package dev.kiln.cache;

import dev.kiln.step.SourceEntry;
import dev.kiln.step.SourceTree;

import dev.kiln.cache.KeyEncoder;
import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What COPY/ADD read from the build context, for cache keys: every entry a source pattern names (directories
 * walked, .dockerignore applied by the {@link SourceTree}) with path, type, mode, size, symlink target and
 * content sha256. Each file is hashed once per build (streamed, on virtual threads) and remembered.
 */
public final class SourceDigests {
    private final SourceTree context;
    private final Map<Path, Digest> hashed = new ConcurrentHashMap<>();
    private final Map<List<String>, Digest> byPatterns = new ConcurrentHashMap<>();

    SourceDigests(SourceTree context) {
        this.context = context;
    }

    /**
     * Adds the digest of what {@code patterns} read to {@code k} (computed once per build: planning and the
     * real run share it); false when a pattern does not resolve (not cacheable).
     */
    boolean encode(KeyEncoder k, List<String> patterns) throws IOException {
        Digest d = byPatterns.get(patterns);
        if (d == null) {
            KeyEncoder sub = new KeyEncoder("sources");
            if (!encodeEntries(sub, patterns)) return false;
            d = sub.finish();
            byPatterns.put(List.copyOf(patterns), d);
        }
        k.digest("sources", d);
        return true;
    }

    private boolean encodeEntries(KeyEncoder k, List<String> patterns) throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        for (String pattern : patterns) {
            List<SourceEntry> matches;
            try {
                matches = context.match(pattern);
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
            for (SourceEntry m : matches) {
                entries.add(m);
                if (m.kind() == SourceEntry.Kind.DIR) entries.addAll(context.walk(m));
            }
            entries.add(null); // pattern boundary
        }
        hashAll(entries);
        k.num("entries", entries.size());
        for (SourceEntry e : entries) {
            if (e == null) {
                k.str("end", "pattern");
                continue;
            }
            k.str("path", e.relPath()).str("kind", e.kind().name()).num("mode", e.mode()).num("size", e.size())
                    .str("link", e.linkTarget())
                    .digest("content", e.kind() == SourceEntry.Kind.FILE ? hashed.get(e.path()) : null);
        }
        return true;
    }

    private void hashAll(List<SourceEntry> entries) throws IOException {
        List<Path> todo = new ArrayList<>();
        for (SourceEntry e : entries) {
            if (e != null && e.kind() == SourceEntry.Kind.FILE && !hashed.containsKey(e.path())) todo.add(e.path());
        }
        if (todo.isEmpty()) return;
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (Path p : todo) fs.add(exec.submit(() -> {
                hashed.put(p, sha256(p));
                return null;
            }));
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while hashing COPY sources", e);
                }
            }
        }
    }

    static Digest sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }
}
