package dev.kiln.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process may make an unprivileged user namespace ({@code unshare --user --map-root-user true}):
 * what RUN needs when kiln is not root. Refused in most restricted pods (seccomp, {@code hostUsers: true} with
 * {@code kernel.unprivileged_userns_clone=0} or {@code user.max_user_namespaces=0}).
 */
public final class UserNamespaces {
    private UserNamespaces() {}

    /** Empty when a user namespace can be made; else why not. */
    public static Optional<String> whyRefused(HostTools tools) {
        Optional<java.nio.file.Path> unshare = tools.find("unshare");
        if (unshare.isEmpty()) return Optional.of("'unshare' (util-linux) is not installed, so kiln cannot make a user namespace");
        try {
            Process p = new ProcessBuilder(unshare.get().toString(), "--user", "--map-root-user", "true")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("unshare --user did not finish");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of("user namespaces are refused here (" + out + ")");
        } catch (IOException e) {
            return Optional.of("cannot probe user namespaces: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing user namespaces");
        }
    }
}
