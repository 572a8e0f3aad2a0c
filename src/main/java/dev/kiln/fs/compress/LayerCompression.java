package dev.kiln.fs.compress;

import dev.kiln.image.MediaTypes;

import java.util.Locale;

/**
 * How a build compresses the layers it writes: Kaniko's {@code --compression gzip|zstd} and
 * {@code --compression-level}. {@code level} is {@link #DEFAULT_LEVEL} (-1) for the algorithm's default
 * (gzip 1 as Kaniko, whose go-containerregistry layers default to {@code gzip.BestSpeed}; zstd 3), else 1-9 for gzip
 * and 1-22 for zstd. A {@code --reproducible} build with the default gzip keeps level 6 ({@link #encoder}).
 */
public record LayerCompression(Algorithm algorithm, int level) {
    public static final int DEFAULT_LEVEL = -1;
    /** gzip at its default level: what a build without {@code --compression*} flags uses. */
    public static final LayerCompression DEFAULT = new LayerCompression(Algorithm.GZIP, DEFAULT_LEVEL);

    public enum Algorithm {
        GZIP(9, 1, MediaTypes.OCI_LAYER_GZIP),
        ZSTD(22, 3, MediaTypes.OCI_LAYER_ZSTD);

        private final int maxLevel;
        private final int defaultLevel;
        private final String mediaType;

        Algorithm(int maxLevel, int defaultLevel, String mediaType) {
            this.maxLevel = maxLevel;
            this.defaultLevel = defaultLevel;
            this.mediaType = mediaType;
        }

        public String flagValue() { return name().toLowerCase(Locale.ROOT); }
        public int maxLevel() { return maxLevel; }
        public int defaultLevel() { return defaultLevel; }
        /** The OCI layer media type (a Docker manifest cannot carry zstd: see {@code Image}). */
        public String mediaType() { return mediaType; }
    }

    public LayerCompression {
        if (algorithm == null) throw new IllegalArgumentException("compression algorithm is missing");
        if (level != DEFAULT_LEVEL && (level < 1 || level > algorithm.maxLevel)) {
            throw new IllegalArgumentException("--compression-level " + level + " is out of range for "
                    + algorithm.flagValue() + ": use 1-" + algorithm.maxLevel + ", or -1 for the default ("
                    + algorithm.defaultLevel + (algorithm == Algorithm.GZIP ? "; 6 with --reproducible" : "") + ")");
        }
    }

    /**
     * The values of {@code --compression} (null or empty = gzip) and {@code --compression-level}; as Kaniko,
     * 0 and -1 both mean the algorithm's default level.
     */
    public static LayerCompression of(String algorithm, int level) {
        Algorithm a;
        String name = algorithm == null ? "" : algorithm.trim();
        if (name.isEmpty() || name.equals("gzip")) a = Algorithm.GZIP;
        else if (name.equals("zstd")) a = Algorithm.ZSTD;
        else throw new IllegalArgumentException("--compression " + algorithm + " is not supported: must be either \"gzip\" or \"zstd\"");
        return new LayerCompression(a, level == 0 ? DEFAULT_LEVEL : level);
    }

    /** The level the compressor runs at: the explicit one, else the algorithm's default. */
    public int effectiveLevel() {
        return level == DEFAULT_LEVEL ? algorithm.defaultLevel : level;
    }

    /**
     * The encoder a build uses; this is where the digest-stability rule of issue 12 lives. A {@code --reproducible}
     * build with the default compression (gzip, no explicit level) keeps the single deflate stream kiln always wrote
     * ({@link SerialGzip}: JDK {@code GZIPOutputStream}, level 6, only pipelined across threads), so its image digests
     * stay byte-for-byte what earlier kiln versions produced. Every other build — not reproducible (gzip level 1 by
     * default, as Kaniko), an explicit {@code --compression-level}, or zstd — uses the multi-threaded encoders, whose
     * output is deterministic too (the same for any number of cores) but differs from the serial stream.
     */
    public LayerEncoder encoder(boolean reproducible) {
        return switch (algorithm) {
            case GZIP -> reproducible && level == DEFAULT_LEVEL ? new SerialGzip() : ParallelGzip.of(effectiveLevel());
            case ZSTD -> ZstdEncoder.of(effectiveLevel());
        };
    }

    @Override
    public String toString() {
        return algorithm.flagValue() + (level == DEFAULT_LEVEL ? "" : "-" + level);
    }
}
