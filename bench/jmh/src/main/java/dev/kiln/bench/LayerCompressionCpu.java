package dev.kiln.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Companion of {@link LayerCompressionBenchmark} for busy machines: compresses the same ~64 MiB tar with each
 * encoder, round-robin, and prints wall MiB/s and the process CPU seconds spent per GiB of layer (CPU time does
 * not depend on how busy the machine is; wall speed does). Usage: {@code LayerCompressionCpu [ROUNDS] [SOURCE]}.
 */
public final class LayerCompressionCpu {
    private LayerCompressionCpu() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String source = args.length > 1 ? args[1] : "/usr";
        List<String> encoders = List.of("jdk-gzip-6", "serial-gzip-6", "parallel-gzip-1", "parallel-gzip-6", "zstd-3");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] tar = LayerData.tarOf(Path.of(source), 64 << 20);
        LayerCompressionBenchmark[] b = new LayerCompressionBenchmark[encoders.size()];
        double[] wall = new double[b.length];
        double[] cpu = new double[b.length];
        long[] out = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = new LayerCompressionBenchmark();
            b[i].encoder = encoders.get(i);
            b[i].tar = tar;
            b[i].layer(new LayerCompressionBenchmark.Volume());   // warm up
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < b.length; i++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                out[i] = b[i].layer(new LayerCompressionBenchmark.Volume());
                wall[i] += (System.nanoTime() - t0) / 1e9;
                cpu[i] += (os.getProcessCpuTime() - c0) / 1e9;
            }
        }
        double gib = rounds * tar.length / (double) (1L << 30);
        System.out.printf("%-16s %10s %12s %10s%n", "encoder", "MiB/s", "CPU s/GiB", "ratio");
        for (int i = 0; i < b.length; i++) {
            System.out.printf("%-16s %10.1f %12.1f %9.1f%%%n", encoders.get(i), gib * 1024 / wall[i], cpu[i] / gib,
                    100.0 * out[i] / tar.length);
        }
    }
}
