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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What COPY/ADD read from the build context, for cache keys: every entry a source pattern names (directories
 * walked, .dockerignore applied by the {@link SourceTree}) with path, type, mode, size, symlink target and
 * content sha256. Each file is hashed once per build (streamed, on a few threads) and remembered.
 */
public final class SourceDigests {
    private final SourceTree context;
    private final Map<Path, Digest> hashed = new ConcurrentHashMap<>();
    /** Per list of patterns: its digest, empty when not cacheable; computed once (a second caller waits for it). */
    private final Map<List<String>, java.util.concurrent.CompletableFuture<java.util.Optional<Digest>>> byPatterns =
            new ConcurrentHashMap<>();

    SourceDigests(SourceTree context) {
        this.context = context;
    }

    /**
     * Adds the digest of what {@code patterns} read to {@code k} (computed once per build: planning and the
     * real run share it); false when a pattern does not resolve (not cacheable).
     */
    boolean encode(KeyEncoder k, List<String> patterns) throws IOException {
        java.util.Optional<Digest> d = digest(patterns);
        d.ifPresent(v -> k.digest("sources", v));
        return d.isPresent();
    }

    /** Computes what {@link #encode} will need for {@code patterns} now (on the caller's thread); errors wait for it. */
    void prepare(List<String> patterns) {
        try {
            digest(patterns);
        } catch (IOException | RuntimeException e) {
            // the step itself meets the same error where it can say where
        }
    }

    private java.util.Optional<Digest> digest(List<String> patterns) throws IOException {
        var mine = new java.util.concurrent.CompletableFuture<java.util.Optional<Digest>>();
        var known = byPatterns.putIfAbsent(List.copyOf(patterns), mine);
        if (known == null) {
            try {
                KeyEncoder sub = new KeyEncoder("sources");
                mine.complete(encodeEntries(sub, patterns) ? java.util.Optional.of(sub.finish()) : java.util.Optional.empty());
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            }
            known = mine;
        }
        try {
            return known.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing COPY sources", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        }
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

    /** Threads hashing at once: the cores, at least 2 (a slow context disk), at most 8. */
    static final int THREADS = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);

    /**
     * Hashes the files of {@code entries} not hashed yet on a few platform threads of their own: not a virtual thread
     * per file, whose thousands of tasks queued ahead of everything else on the virtual-thread scheduler held up the
     * build's other virtual threads (base resolution, registry requests) until the context was hashed (measured:
     * 0.35 s between a base's manifest and its config in a warm build with a 2,000-file COPY).
     */
    private void hashAll(List<SourceEntry> entries) throws IOException {
        List<SourceEntry> todo = new ArrayList<>();
        for (SourceEntry e : entries) {
            if (e != null && e.kind() == SourceEntry.Kind.FILE && !hashed.containsKey(e.path())) todo.add(e);
        }
        if (todo.isEmpty()) return;
        AtomicInteger next = new AtomicInteger();
        int threads = Math.min(THREADS, todo.size());
        try (var exec = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kiln-hash");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) fs.add(exec.submit(() -> {
                for (int j; (j = next.getAndIncrement()) < todo.size(); ) {
                    SourceEntry e = todo.get(j);
                    hashed.put(e.path(), sha256(e.path(), e.size()));
                }
                return null;
            }));
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    next.set(todo.size()); // the others stop at their next file
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    next.set(todo.size());
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while hashing COPY sources", e);
                }
            }
        }
    }

    /** @param sizeHint the file's size when listed: a small file gets a small buffer (it may have grown since) */
    static Digest sha256(Path file, long sizeHint) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[(int) Math.clamp(sizeHint + 1, 4096, 64 * 1024)];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }
}
