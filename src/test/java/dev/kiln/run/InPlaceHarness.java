package dev.kiln.run;

import dev.kiln.event.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the in-place sandbox on {@code /}. Only ever started by {@link InPlaceThrowawayRootTest} inside a throwaway
 * root (a private mount+pid namespace chrooted into an overlay of the host's /), never on the host itself.
 */
public final class InPlaceHarness {
    private InPlaceHarness() {}

    public static void main(String[] args) throws IOException {
        if (!"throwaway".equals(System.getenv("KILN_INPLACE_HARNESS"))) throw new IllegalStateException("not in a throwaway root");
        var detector = new ContainerDetector(Path.of("/"), Map.of(ContainerDetector.IN_CONTAINER_ENV, "1"));
        var sandbox = new InPlaceSandbox(e -> print("event " + e.level() + " " + e.message()), HostTools.standard(), detector, false);
        run(sandbox, "exit", RunSpec.builder(Path.of("/"), List.of("/bin/sh", "-c", "exit 3")));
        run(sandbox, "nobody", RunSpec.builder(Path.of("/"), List.of("/bin/sh", "-c",
                "id -u; pwd; touch f; stat -c %u f; touch /kiln-inplace-marker 2>/dev/null || echo denied"))
                .user("nobody").workdir("/kiln-inplace-wd"));
        run(sandbox, "root", RunSpec.builder(Path.of("/"), List.of("/bin/sh", "-c", "touch /kiln-inplace-marker && echo \"$FOO\" $HOME"))
                .env("FOO=bar"));
        run(sandbox, "bg", RunSpec.builder(Path.of("/"), List.of("/bin/sh", "-c", "sleep 987653 & echo started")));
        print("leftovers " + Procs.withArgs("sleep", "987653").size());
        var other = new InPlaceSandbox(Event -> { }, HostTools.standard(), new ContainerDetector(Path.of("/nonexistent"), Map.of()), false);
        try {
            other.run(RunSpec.builder(Path.of("/"), List.of("true")).build());
            print("refused false");
        } catch (SandboxException e) {
            print("refused true");
        }
    }

    private static void run(InPlaceSandbox sandbox, String name, RunSpec.Builder b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult r = sandbox.run(b.stdout(out).stderr(out).build());
        print(name + " exit=" + r.exitCode() + " out=" + out.toString(StandardCharsets.UTF_8).strip().replace('\n', '|'));
    }

    @SuppressWarnings("java:S106")
    private static void print(String line) {
        System.out.println(line);
    }
}
