package dev.kiln.step;

import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.parser.Heredocs;
import dev.kiln.run.BindMount;
import dev.kiln.run.Isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RUN with heredocs, as BuildKit's dockerfile frontend: when the whole command is one heredoc, a body starting with
 * {@code #!} is written to a file (0755) mounted read-only at {@code /dev/pipes/<name>} and executed; any other body is
 * passed to the shell as its command. Otherwise the command line and the heredoc bodies (each followed by its
 * delimiter) are given to the shell, which reads the heredocs itself. Bodies are not expanded by kiln.
 * The chroot sandbox mounts /dev as a fresh tmpfs before extra mounts, so there the script goes to
 * {@code /.kiln-pipes/<name>} instead.
 */
public final class RunHeredocs {
    /** The command to run and the mounts it needs. */
    record Command(CommandLine command, List<BindMount> mounts) {}

    private RunHeredocs() {}

    static Command command(Run c, Isolation isolation, Path scratch) throws IOException {
        CommandLine cl = c.command();
        if (c.heredocs().isEmpty()) return new Command(cl, List.of());
        if (cl.args().size() != 1 || !cl.prependShell()) {
            throw new IOException("parsing produced an invalid run command: " + cl.args());
        }
        Heredoc first = c.heredocs().getFirst();
        if (single(cl.args().getFirst())) {
            String data = first.body();
            if (data.startsWith("#!")) {
                Path dir = Files.createDirectories(scratch.resolve("pipes"));
                Path f = dir.resolve(first.name());
                Files.writeString(f, data, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                String mountAt = isolation == Isolation.OCI ? "/dev/pipes" : "/.kiln-pipes";
                return new Command(new CommandLine(List.of(mountAt + "/" + first.name()), false),
                        List.of(new BindMount(dir, mountAt, true)));
            }
            return new Command(new CommandLine(List.of(data), true), List.of());
        }
        StringBuilder full = new StringBuilder(cl.args().getFirst());
        for (Heredoc h : c.heredocs()) full.append('\n').append(h.content()).append(h.name());
        return new Command(new CommandLine(List.of(full.toString()), true), List.of());
    }

    private static boolean single(String cmd) {
        try {
            return Heredocs.parse(cmd.strip()) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
