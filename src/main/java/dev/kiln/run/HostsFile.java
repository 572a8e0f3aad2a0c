package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The /etc/hosts a RUN sees: the host's (as buildah's chroot isolation does), plus the RUN's hostname. */
final class HostsFile {
    private static final String LOCALHOST = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    private HostsFile() {}

    static String content(Path hostHosts, String hostname) throws IOException {
        String base = Files.isRegularFile(hostHosts) ? Files.readString(hostHosts, StandardCharsets.UTF_8) : LOCALHOST;
        if (!base.isEmpty() && !base.endsWith("\n")) base += "\n";
        return hostname.isEmpty() ? base : base + "127.0.0.1\t" + hostname + "\n";
    }

    /** Writes {@code scratch/hosts} (scratch is outside the rootfs) and returns it. */
    static Path write(Path scratch, String hostname) throws IOException {
        Path p = scratch.resolve("hosts");
        Files.writeString(p, content(Path.of("/etc/hosts"), hostname), StandardCharsets.UTF_8);
        return p;
    }

    /** Removes a scratch directory the sandbox made (best effort: it holds nothing of the image). */
    static void delete(Path scratch) {
        try (Stream<Path> s = Files.walk(scratch)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
