package dev.kiln.fs.compress;

import dev.kiln.image.MediaTypes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LayerCompressionTest {
    @Test
    void parsesKanikosFlagValues() {
        assertEquals(LayerCompression.DEFAULT, LayerCompression.of(null, -1));
        assertEquals(LayerCompression.DEFAULT, LayerCompression.of("gzip", 0));
        assertEquals(new LayerCompression(LayerCompression.Algorithm.GZIP, 1), LayerCompression.of("gzip", 1));
        assertEquals(new LayerCompression(LayerCompression.Algorithm.ZSTD, 19), LayerCompression.of("zstd", 19));
        assertEquals(3, LayerCompression.of("zstd", -1).effectiveLevel());
        assertEquals(1, LayerCompression.of("gzip", -1).effectiveLevel()); // Kaniko's (go-containerregistry's gzip.BestSpeed)
        assertEquals(MediaTypes.OCI_LAYER_ZSTD, LayerCompression.of("zstd", 22).algorithm().mediaType());
    }

    @Test
    void refusesWhatKanikoWouldNotCompress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerCompression.of("xz", -1));
        assertEquals("--compression xz is not supported: must be either \"gzip\" or \"zstd\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerCompression.of("gzip", 10));
        assertEquals("--compression-level 10 is out of range for gzip: use 1-9, or -1 for the default (1; 6 with --reproducible)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerCompression.of("zstd", 23));
        assertThrows(IllegalArgumentException.class, () -> LayerCompression.of("gzip", -2));
    }

    @Test
    void onlyReproducibleDefaultGzipKeepsTheSerialStream() {
        assertInstanceOf(SerialGzip.class, LayerCompression.DEFAULT.encoder(true));
        assertEquals(1, assertInstanceOf(ParallelGzip.class, LayerCompression.DEFAULT.encoder(false)).level());
        assertEquals(6, assertInstanceOf(ParallelGzip.class, LayerCompression.of("gzip", 6).encoder(true)).level());
        assertEquals(1, assertInstanceOf(ParallelGzip.class, LayerCompression.of("gzip", 1).encoder(false)).level());
        assertEquals(3, assertInstanceOf(ZstdEncoder.class, LayerCompression.of("zstd", -1).encoder(true)).level());
    }
}
