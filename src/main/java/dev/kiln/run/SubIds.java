package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The subordinate id files ({@code /etc/subuid}, {@code /etc/subgid}) and the passwd file naming kiln's user: where
 * newuidmap/newgidmap look up the ranges kiln may map into its user namespace. The locations are parameters (tests
 * bind their own files over the standard ones in a private mount namespace, since newuidmap reads the standard ones).
 */
public record SubIds(Path subuid, Path subgid, Path passwd) {
    public static final SubIds STANDARD = new SubIds(Path.of("/etc/subuid"), Path.of("/etc/subgid"), Path.of("/etc/passwd"));

    /** A range of {@code count} ids starting at host id {@code start}. */
    public record Range(long start, long count) {}

    /** The first subordinate uid range of {@code uid} (by user name or number), if any. */
    public Optional<Range> uids(int uid) {
        return first(subuid, uid);
    }

    public Optional<Range> gids(int uid) {
        return first(subgid, uid);
    }

    private Optional<Range> first(Path file, int uid) {
        String name = userName(uid).orElse(null);
        for (String line : lines(file)) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || line.startsWith("#")) continue;
            if (!f[0].equals(String.valueOf(uid)) && !f[0].equals(name)) continue;
            try {
                long count = Long.parseLong(f[2]);
                if (count > 0) return Optional.of(new Range(Long.parseLong(f[1]), count));
            } catch (NumberFormatException e) {
                // a malformed line: newuidmap ignores it as well
            }
        }
        return Optional.empty();
    }

    private Optional<String> userName(int uid) {
        for (String line : lines(passwd)) {
            String[] f = line.split(":");
            if (f.length > 2 && f[2].equals(String.valueOf(uid))) return Optional.of(f[0]);
        }
        return Optional.empty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
