package dev.kiln.cli;

import picocli.CommandLine.Option;

import java.util.Locale;

/** Kaniko's layer compression flags: {@code --compression gzip|zstd}, {@code --compression-level N}, {@code --compressed-caching}. */
public final class CompressionOptions {
    private String compression = "gzip";
    private int compressionLevel = -1;

    @Option(names = "--compressed-caching", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Accepted for Kaniko compatibility; kiln never holds layers in memory, so it has no effect.")
    boolean compressedCaching = true;

    @Option(names = "--compression", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "Compression of the layers kiln writes: gzip or zstd (zstd layers make the image an OCI image). Default: ${DEFAULT-VALUE}, as Kaniko.")
    void compression(String value) {
        compression = value.trim().toLowerCase(Locale.ROOT);   // checked by the layer compressor (LayerCompression.of)
    }

    @Option(names = "--compression-level", paramLabel = "N", defaultValue = "-1",
            description = "Compression level: 1-9 for gzip, 1-22 for zstd; -1 (default) = gzip 6, zstd 3.")
    void compressionLevel(int level) {
        compressionLevel = level;
    }

    /** {@code gzip} (the default), {@code zstd}, or what the user gave (lower-cased; the compressor refuses others). */
    public String compression() {
        return compression;
    }

    /** The level given, or -1 for the algorithm's default; the layer compressor checks it against the algorithm. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** Kaniko's {@code --compressed-caching} (default true); no effect in kiln. */
    public boolean compressedCaching() {
        return compressedCaching;
    }
}
