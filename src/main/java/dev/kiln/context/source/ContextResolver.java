package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --context}/{@code --context-sub-path}/{@code --dockerfile} into a context on local disk. A local
 * directory is used in place; everything else is fetched into a fresh temporary directory (archives unpacked
 * while they download). Each cloud SDK sits behind its own class, reached only from its scheme's branch here, so
 * a directory build loads none of them. Every failure is a {@link ContextException} that says which part is
 * missing or refused, raised before any build work.
 */
public final class ContextResolver {
    private final Map<String, String> env;
    private final InputStream stdin;
    private final EventSink events;
    private final Path tempParent;

    /**
     * @param env        environment (credentials, endpoints) as read by the cli
     * @param stdin      what {@code tar://stdin} reads
     * @param tempParent where fetched contexts are unpacked (a fresh directory below it), e.g. java.io.tmpdir
     */
    public ContextResolver(Map<String, String> env, InputStream stdin, EventSink events, Path tempParent) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.events = events;
        this.tempParent = tempParent;
    }

    public ResolvedContext resolve(ContextRequest req) throws IOException {
        ContextLocation loc = ContextLocation.parse(req.context());
        if (loc.kind() == ContextLocation.Kind.DIR) {
            Path dir = Path.of(loc.target()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw ContextException.notADirectory("build context", dir);
            Path root = subPath(dir, req.subPath());
            if (!isUrl(req.dockerfile())) return new ResolvedContext(root, dockerfile(root, req.dockerfile(), null), null);
            Path scratch = Files.createTempDirectory(tempParent, "kiln-dockerfile-");
            try {
                return new ResolvedContext(root, dockerfile(root, req.dockerfile(), scratch), scratch);
            } catch (IOException | RuntimeException e) {
                ResolvedContext.deleteTree(scratch);
                throw e;
            }
        }
        Path scratch = Files.createTempDirectory(tempParent, "kiln-context-");
        try {
            Path ctx = Files.createDirectory(scratch.resolve("context"));
            fetch(loc, req.git(), ctx);
            Path root = subPath(ctx.toRealPath(), req.subPath());
            return new ResolvedContext(root, dockerfile(root, req.dockerfile(), scratch), scratch);
        } catch (IOException | RuntimeException e) {
            ResolvedContext.deleteTree(scratch);
            throw e;
        }
    }

    private void fetch(ContextLocation loc, GitOptions git, Path ctx) throws IOException {
        switch (loc.kind()) {
            case GIT -> new GitCheckout(loc, git, env, events).checkout(ctx);
            case TAR_STDIN -> unpack(loc, stdin, ctx);
            case TAR_FILE -> {
                Path file = Path.of(loc.target());
                if (!Files.isRegularFile(file)) throw new ContextException("context archive " + file.toAbsolutePath() + " does not exist");
                try (InputStream in = Files.newInputStream(file)) {
                    unpack(loc, in, ctx);
                }
            }
            case S3 -> unpackRemote(loc, () -> S3Archive.open(loc, env), ctx);
            case GCS -> unpackRemote(loc, () -> GcsArchive.open(loc, env), ctx);
            case AZURE_BLOB -> unpackRemote(loc, () -> AzureBlobArchive.open(loc, env), ctx);
            case HTTPS_TAR -> unpackRemote(loc, () -> HttpsArchive.open(loc.target(), "context archive"), ctx);
            case DIR -> throw new IllegalStateException("a directory is not fetched");
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private void unpackRemote(ContextLocation loc, Opener opener, Path ctx) throws IOException {
        events.emit(Event.info("context", "downloading and unpacking " + loc.raw()));
        try (InputStream in = opener.open()) {
            unpack(loc, in, ctx);
        }
    }

    private void unpack(ContextLocation loc, InputStream in, Path ctx) throws IOException {
        ArchiveUnpacker.Summary s = new ArchiveUnpacker(loc.raw()).unpack(in, ctx);
        events.emit(Event.info("context", "unpacked " + s.entries() + " entries (" + s.bytes() + " bytes, compression "
                + s.compression() + ") from " + loc.raw()));
    }

    /** {@code --context-sub-path}: a directory inside the context (it may not leave it). */
    static Path subPath(Path root, String sub) throws IOException {
        if (sub == null) return root;
        Path p = root.resolve(sub.replaceFirst("^/+", "")).normalize();
        if (!p.startsWith(root)) throw new ContextException("--context-sub-path '" + sub + "' leaves the build context");
        if (!Files.isDirectory(p)) {
            throw new ContextException("--context-sub-path '" + sub + "' " + (Files.exists(p) ? "is not a directory" : "does not exist") + " in the build context");
        }
        Path real = p.toRealPath();
        if (!real.startsWith(root.toRealPath())) throw new ContextException("--context-sub-path '" + sub + "' leaves the build context");
        return real;
    }

    /**
     * {@code --dockerfile}: an {@code http(s)://} URL is downloaded (into {@code scratch}, or a temp file); else
     * absolute as given, or relative to the context, then to the current directory (as Kaniko).
     */
    private Path dockerfile(Path context, String df, Path scratch) throws IOException {
        if (isUrl(df)) {
            Path file = scratch.resolve("Dockerfile");
            events.emit(Event.info("context", "downloading Dockerfile " + df));
            HttpsArchive.download(df, file, "Dockerfile");
            return file;
        }
        Path p = Path.of(df);
        List<Path> candidates = p.isAbsolute() ? List.of(p) : List.of(context.resolve(p), p.toAbsolutePath());
        for (Path c : candidates) if (Files.isRegularFile(c)) return c.normalize();
        throw new ContextException("Dockerfile not found: " + df + " (looked at " + candidates + ")");
    }

    private static boolean isUrl(String df) {
        return df.startsWith("https://") || df.startsWith("http://");
    }
}
