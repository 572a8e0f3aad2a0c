package dev.kiln.fs.snapshot;

import dev.kiln.event.EventSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * bench/snapshot.sh's measurement: two rootfs shapes on the Debian base, a RUN touching a few files, the time
 * to snapshot it in walk mode (index + diff + layer) and overlay mode (layer from the upper dir).
 * Usage: SnapshotBench WORKDIR [DEBIAN_ROOTFS_TAR] [REPS]. A benchmark, not a test: prints, asserts nothing.
 */
public final class SnapshotBench {
    private static final String RUN = "echo run >> etc/bench.conf && mkdir -p srv/app && echo cfg > srv/app/config"
            + " && rm -f etc/bench-old && touch %s";

    private SnapshotBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path debian = args.length > 1 && !args[1].isEmpty() ? Path.of(args[1]) : null;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("base: %s, %d repetitions (median, min), %d CPUs, load average %.2f%n", debian != null && Files.isRegularFile(debian) ? debian : "plain directories", reps,
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        shape(work.resolve("a"), debian, reps, "a: +100,000 small files", true);
        shape(work.resolve("b"), debian, reps, "b: +1 GiB in 100 files", false);
    }

    private static void shape(Path dir, Path debian, int reps, String title, boolean small) throws Exception {
        Path lower = Files.createDirectories(dir.resolve("rootfs"));
        if (debian != null && Files.isRegularFile(debian)) Scenario.run(List.of("tar", "-xf", debian.toString(), "-C", lower.toString()));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/bench.conf"), "a\n");
        Files.writeString(lower.resolve("etc/bench-old"), "old\n");
        String touched = small ? fillSmall(lower) : fillLarge(lower);
        String run = RUN.formatted(touched);

        SnapshotIndex before = SnapshotIndex.build(lower, Set.of());
        long[] initial = {0};
        initial[0] = time(() -> SnapshotIndex.build(lower, Set.of()));
        // overlay first (it leaves the lower untouched), then walk on the lower itself
        long[] ov = new long[reps];
        long layerBytes = 0;
        for (int i = 0; i < reps; i++) {
            Path upper = fresh(dir.resolve("upper")), wk = fresh(dir.resolve("work")), merged = fresh(dir.resolve("merged"));
            try (OverlayMount m = OverlayMount.mount(List.of(lower), upper, wk, merged, OverlayXattrs.TRUSTED)) {
                Scenario.sh(m.merged(), run);
            }
            long t0 = System.nanoTime();
            SnapshotResult r = new OverlayUpper(upper, List.of(lower), OverlayXattrs.TRUSTED, Set.of())
                    .write(dir.resolve("overlay-layer.tar.gz"), null, EventSink.NONE).orElseThrow();
            ov[i] = System.nanoTime() - t0;
            layerBytes = r.layer().descriptor().size();
        }
        Scenario.sh(lower, run);
        long[] walk = new long[reps];
        long[] idx = new long[reps];
        long[] cpu = new long[reps];
        int changes = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < reps; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SnapshotIndex after = SnapshotIndex.build(lower, Set.of());
            idx[i] = System.nanoTime() - t0;
            Diff d = Diff.between(before, after, SnapshotMode.WALK);
            new SnapshotWriter(null, EventSink.NONE).write(d, after, dir.resolve("walk-layer.tar.gz")).orElseThrow();
            walk[i] = System.nanoTime() - t0;
            cpu[i] = os.getProcessCpuTime() - c0;
            changes = d.changes().size();
        }
        System.out.printf("%n(%s) %,d indexed paths; RUN: %s%n", title, before.size(), run);
        System.out.printf("  walk    index+diff+layer: %7.1f ms median, %7.1f ms min (index alone %.1f ms; %d changes; CPU %.1f ms median)  target <= 500 ms%n",
                med(walk), min(walk), med(idx), changes, med(cpu));
        System.out.printf("  overlay layer from upper: %7.1f ms median, %7.1f ms min (layer %d bytes)              target <= 50 ms%n",
                med(ov), min(ov), layerBytes);
        System.out.printf("  (first full index of the rootfs: %.1f ms)%n", initial[0] / 1e6);
    }

    private static String fillSmall(Path lower) throws IOException {
        byte[] content = new byte[100];
        Arrays.fill(content, (byte) 'x');
        for (int d = 0; d < 100; d++) {
            Path dir = Files.createDirectories(lower.resolve("bench/d" + d));
            for (int f = 0; f < 1000; f++) Files.write(dir.resolve("f" + f), content);
        }
        return "bench/d1/f1 bench/d50/f500 bench/d99/f999";
    }

    private static String fillLarge(Path lower) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        Path dir = Files.createDirectories(lower.resolve("bench"));
        for (int f = 0; f < 100; f++) {
            try (var out = Files.newOutputStream(dir.resolve("big" + f))) {
                for (int i = 0; i < 10; i++) {
                    block[0] = (byte) f;
                    out.write(block);
                }
                out.write(block, 0, 758_374); // 100 × 10.74 MiB ≈ 1 GiB
            }
        }
        Files.writeString(dir.resolve("small1"), "s\n");
        Files.writeString(dir.resolve("small2"), "s\n");
        return "bench/small1 bench/small2";
    }

    private static Path fresh(Path p) throws IOException {
        if (Files.exists(p)) TreeOps.delete(p);
        return Files.createDirectories(p);
    }

    private interface Work { Object run() throws Exception; }

    private static long time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return System.nanoTime() - t0;
    }

    private static double med(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static double min(long[] a) {
        return Arrays.stream(a).min().orElse(0) / 1e6;
    }

}
