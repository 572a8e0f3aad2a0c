package dev.kiln.bench;

import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.ParallelGzip;
import dev.kiln.fs.compress.SerialGzip;
import dev.kiln.fs.compress.ZstdEncoder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * One layer's worth of work as {@code LayerWriter} does it: ~64 MiB of tar → compression → sink, with the SHA-256
 * of the tar (diff ID) on the writing thread and the SHA-256 of the blob on the encoder's side. Encoders:
 * {@code jdk-gzip-6} is kiln before issue 12 (one {@link GZIPOutputStream}, everything on one thread);
 * {@code serial-gzip-6} the same deflate stream pipelined ({@code --reproducible} default); {@code parallel-gzip-N}
 * the block compressor on one worker per core; {@code zstd-3} zstd-jni with one worker per core.
 * The {@code mib} counter is MiB of uncompressed layer per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LayerCompressionBenchmark {
    @Param({"jdk-gzip-6", "serial-gzip-6", "parallel-gzip-1", "parallel-gzip-6", "zstd-3"})
    String encoder;

    @Param("67108864")
    int size;

    @Param("/usr")
    String source;

    byte[] tar;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public double mib;

        @Setup(Level.Iteration)
        public void reset() {
            mib = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        tar = LayerData.tarOf(Path.of(source), size);
        long out = compress();
        System.out.printf("%n%s: %d MiB tar -> %.1f MiB (%.1f%%)%n", encoder, size >> 20, out / 1048576.0, 100.0 * out / size);
    }

    @Benchmark
    public long layer(Volume v) throws IOException {
        long n = compress();
        v.mib += tar.length / 1048576.0;
        return n;
    }

    long compress() throws IOException {
        DigestSink sink = new DigestSink();
        MessageDigest diffId = sha256();
        try (OutputStream out = open(sink)) {
            for (int i = 0; i < tar.length; i += 1 << 16) {
                int n = Math.min(1 << 16, tar.length - i);
                diffId.update(tar, i, n);
                out.write(tar, i, n);
            }
        }
        diffId.digest();
        sink.md.digest();
        return sink.count;
    }

    private OutputStream open(OutputStream sink) throws IOException {
        return switch (encoder) {
            case "jdk-gzip-6" -> new GZIPOutputStream(sink, 1 << 16);
            case "serial-gzip-6" -> new SerialGzip().open(sink);
            case "parallel-gzip-1" -> ParallelGzip.of(1).open(sink);
            case "parallel-gzip-6" -> ParallelGzip.of(6).open(sink);
            case "zstd-3" -> ZstdEncoder.of(3).open(sink);
            default -> throw new IllegalArgumentException("unknown encoder " + encoder);
        };
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the blob goes: hashed and counted, not stored. */
    static final class DigestSink extends OutputStream {
        final MessageDigest md = sha256();
        long count;

        @Override public void write(int b) { md.update((byte) b); count++; }
        @Override public void write(byte[] b, int off, int len) { md.update(b, off, len); count += len; }
    }
}
