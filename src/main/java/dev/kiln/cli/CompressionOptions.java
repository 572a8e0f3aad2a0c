package dev.kiln.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** Kaniko's layer compression flags: {@code --compression gzip|zstd}, {@code --compression-level N}, {@code --compressed-caching}. */
public final class CompressionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private String compression = "gzip";
    private int compressionLevel = -1;

    @Option(names = "--compressed-caching", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Accepted for Kaniko compatibility; kiln never holds layers in memory, so it has no effect.")
    boolean compressedCaching = true;

    @Option(names = "--compression", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "Compression of the layers kiln writes: gzip or zstd (zstd layers make the image an OCI image). Default: ${DEFAULT-VALUE}, as Kaniko.")
    void compression(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("gzip") && !v.equals("zstd")) {
            throw new ParameterException(mixee.commandLine(), "invalid --compression '" + value + "': use gzip or zstd");
        }
        compression = v;
    }

    @Option(names = "--compression-level", paramLabel = "N", defaultValue = "-1",
            description = "Compression level: 1-9 for gzip, 1-22 for zstd; -1 (default) = gzip 6, zstd 3.")
    void compressionLevel(int level) {
        if (level < -1 || level > 22) {
            throw new ParameterException(mixee.commandLine(), "invalid --compression-level " + level + ": use -1 (default), gzip 0-9 or zstd 1-22");
        }
        compressionLevel = level;
    }

    /** {@code gzip} (the default) or {@code zstd}. */
    public String compression() {
        return compression;
    }

    /** The level given (-1..22), or -1 for the algorithm's default; whether it suits gzip (0-9) is the compressor's to check. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** Kaniko's {@code --compressed-caching} (default true); no effect in kiln. */
    public boolean compressedCaching() {
        return compressedCaching;
    }
}
