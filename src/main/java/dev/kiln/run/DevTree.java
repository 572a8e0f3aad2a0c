package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The /dev of a root chroot RUN, made in the run's scratch dir before the sandbox starts: empty files where the host's
 * device nodes are bound ({@link ChrootMounts#DEVICES}), the {@code fd}, {@code stdin}, {@code stdout}, {@code stderr}
 * and {@code ptmx} symlinks, and the {@code pts}, {@code shm} and {@code mqueue} mount points, as runc lays them out.
 */
final class DevTree {
    private DevTree() {}

    static Path make(Path dev) throws IOException {
        Files.createDirectory(dev);
        Files.setPosixFilePermissions(dev, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String[] d : ChrootMounts.DEVICES) {
            if (hostHas(d[0])) Files.createFile(dev.resolve(d[0]));
        }
        Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
        String[] std = {"stdin", "stdout", "stderr"};
        for (int i = 0; i < std.length; i++) Files.createSymbolicLink(dev.resolve(std[i]), Path.of("/proc/self/fd/" + i));
        Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));
        for (String d : new String[] {"pts", "shm", "mqueue"}) {
            Files.setPosixFilePermissions(Files.createDirectory(dev.resolve(d)), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dev;
    }

    /** Whether the host has the character device {@code /dev/NAME} to bind. */
    static boolean hostHas(String name) {
        return Files.exists(Path.of("/dev", name));
    }
}
