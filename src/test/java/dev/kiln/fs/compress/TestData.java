package dev.kiln.fs.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic inputs for the encoder tests, and a way to feed them in uneven writes. */
final class TestData {
    private TestData() {}

    /** Layer-like bytes: text lines, runs of zeros and random stretches. */
    static byte[] mixed(int size, long seed) {
        Random r = new Random(seed);
        byte[] out = new byte[size];
        int i = 0;
        while (i < size) {
            int n = Math.min(size - i, 1 + r.nextInt(50000));
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] line = ("usr/share/doc/package-" + r.nextInt(500) + "/copyright: GPL-2+\n").getBytes();
                    for (int k = 0; k < n; k++) out[i + k] = line[k % line.length];
                }
                case 1 -> { /* zeros */ }
                default -> {
                    byte[] b = new byte[n];
                    r.nextBytes(b);
                    System.arraycopy(b, 0, out, i, n);
                }
            }
            i += n;
        }
        return out;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Encodes {@code data} written in pseudo-random pieces (single bytes among them). */
    static byte[] encode(LayerEncoder enc, byte[] data, long seed) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = enc.open(sink)) {
            Random r = new Random(seed);
            int i = 0;
            while (i < data.length) {
                int n = r.nextInt(10) == 0 ? 1 : Math.min(data.length - i, 1 + r.nextInt(70000));
                if (n == 1) out.write(data[i]);
                else out.write(data, i, n);
                if (r.nextInt(20) == 0) out.flush();   // flush never changes the output
                i += n;
            }
        }
        return sink.toByteArray();
    }

    static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + rc + ": " + out);
        return out;
    }

    static Path file(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
