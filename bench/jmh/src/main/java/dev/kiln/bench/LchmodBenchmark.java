package dev.kiln.bench;

import dev.kiln.fs.nativeio.Native;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One chmod of an extracted file without following a final symlink, as layer extraction does for every entry:
 * {@code Native.lchmod} (the fchmodat2 system call where the kernel has it, Linux 6.6+) against glibc's fchmodat with
 * AT_SYMLINK_NOFOLLOW (before glibc 2.39: an O_PATH open, an fstat, a chmod of /proc/self/fd/N and a close).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LchmodBenchmark {
    private static final int FILES = 1000;
    private Path dir;
    private Path[] files;
    private Method glibc;
    private int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("kiln-lchmod-bench");
        files = new Path[FILES];
        for (int k = 0; k < FILES; k++) files[k] = Files.createFile(dir.resolve("f" + k));
        glibc = Native.class.getDeclaredMethod("fchmodat", Path.class, int.class, int.class);
        glibc.setAccessible(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private Path next() {
        i = (i + 1) % FILES;
        return files[i];
    }

    @Benchmark
    public void lchmod() throws IOException {
        Native.lchmod(next(), 0644 | (i & 1));
    }

    @Benchmark
    public void glibcFchmodatNofollow() throws Exception {
        glibc.invoke(null, next(), 0644 | (i & 1), 0x100); // AT_SYMLINK_NOFOLLOW
    }
}
