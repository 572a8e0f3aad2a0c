package dev.kiln.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        return tryUnshare(tools, List.of("--user", "--map-root-user"))
                .map(f -> f.ran() ? "user namespaces are refused here (" + f.text() + ")" : f.text());
    }

    /**
     * The user namespace RUN gets as uid {@code uid} where user namespaces are allowed: with kiln's subordinate
     * ranges when {@code ids} gives it one for both uids and gids, newuidmap and newgidmap are installed and
     * {@code unshare --map-auto} works; else root only.
     */
    public static UserNamespace choose(HostTools tools, SubIds ids, int uid) {
        Optional<SubIds.Range> u = ids.uids(uid);
        Optional<SubIds.Range> g = ids.gids(uid);
        if (u.isEmpty() || g.isEmpty()) {
            return new UserNamespace(uid, false, 1, 1, "no subordinate " + (u.isEmpty() ? "uids in " + ids.subuid() : "gids in " + ids.subgid())
                    + " for uid " + uid);
        }
        for (String tool : List.of("newuidmap", "newgidmap")) {
            if (tools.find(tool).isEmpty()) return new UserNamespace(uid, false, 1, 1, "'" + tool + "' (package uidmap) is not installed");
        }
        Optional<Failure> refused = tryUnshare(tools, List.of("--user", "--map-root-user", "--map-auto"));
        if (refused.isPresent()) {
            return new UserNamespace(uid, false, 1, 1, "unshare --map-auto failed: " + refused.get().text() + (noNewPrivs()
                    ? "; NoNewPrivs is set (allowPrivilegeEscalation: false), so the setuid newuidmap/newgidmap cannot map the ranges" : ""));
        }
        // unshare maps the first block to container ids 0 … count-1, kiln's own uid taking 0 (a hole): 1 … count-1 left
        return new UserNamespace(uid, true, Math.min(u.get().count(), Integer.MAX_VALUE),
                Math.min(g.get().count(), Integer.MAX_VALUE), "subordinate uids " + u.get().start() + "+" + u.get().count()
                + ", gids " + g.get().start() + "+" + g.get().count());
    }

    /** Whether this process runs with NoNewPrivs (setuid helpers such as newuidmap then gain nothing). */
    private static boolean noNewPrivs() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")).matches("(?s).*\\nNoNewPrivs:\\s*1\\b.*");
        } catch (IOException e) {
            return false;
        }
    }

    /** Why unshare failed: its output when it ran ({@code ran}), else why it could not run. */
    private record Failure(boolean ran, String text) {}

    private static Optional<Failure> tryUnshare(HostTools tools, List<String> options) {
        Optional<java.nio.file.Path> unshare = tools.find("unshare");
        if (unshare.isEmpty()) return Optional.of(new Failure(false, "'unshare' (util-linux) is not installed, so kiln cannot make a user namespace"));
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of(unshare.get().toString()));
            cmd.addAll(options);
            cmd.add("true");
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(new Failure(false, "unshare --user did not finish"));
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of(new Failure(true, out.isEmpty() ? "exit code " + p.exitValue() : out));
        } catch (IOException e) {
            return Optional.of(new Failure(false, "cannot probe user namespaces: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failure(false, "interrupted while probing user namespaces"));
        }
    }
}
