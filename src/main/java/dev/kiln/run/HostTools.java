package dev.kiln.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the host programs the sandboxes run (unshare, setpriv, mount, chroot, runc, …) by absolute path, so a RUN's
 * own PATH never decides which host binary runs. The search path is a parameter (the cli passes $PATH).
 */
public record HostTools(List<Path> dirs) {
    private static final List<String> STANDARD = List.of(
            "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    public HostTools {
        dirs = List.copyOf(dirs);
    }

    /** The standard system directories only. */
    public static HostTools standard() {
        return of("");
    }

    /** {@code pathVariable}'s directories (as in $PATH), then the standard system directories. */
    public static HostTools of(String pathVariable) {
        List<Path> d = new ArrayList<>();
        for (String s : (pathVariable == null ? "" : pathVariable).split(":")) {
            if (s.startsWith("/")) d.add(Path.of(s));
        }
        for (String s : STANDARD) d.add(Path.of(s));
        return new HostTools(d.stream().distinct().toList());
    }

    public Optional<Path> find(String name) {
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The absolute path of {@code name}, or an error saying which sandbox needs it and where it comes from. */
    public String require(String name, String neededFor) throws SandboxException {
        return find(name).orElseThrow(() -> new SandboxException(
                neededFor + " needs '" + name + "' on the host (searched " + dirs + ")")).toString();
    }
}
