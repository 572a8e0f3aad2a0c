package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.testsupport.TestEnv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** Shared helpers for the registry integration tests. */
final class Fixtures {
    private Fixtures() {}

    static final Platform AMD64 = Platform.of("linux", "amd64", null);

    /** Options that let the plain-http registry (and the auth one) be used. */
    static RegistryOptions plainHttp(String... registries) {
        return RegistryOptions.DEFAULT.withInsecureRegistries(Set.of(registries));
    }

    /** A fresh repository name per run (the test registry keeps data between runs). */
    static String repo(String test) {
        return "test/registry-" + test + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** Collects events (thread-safe). */
    static final class Events implements EventSink {
        final List<Event> all = new CopyOnWriteArrayList<>();

        @Override
        public void emit(Event e) {
            all.add(e);
        }

        boolean any(String fragment) {
            return all.stream().anyMatch(e -> e.message().contains(fragment));
        }

        @Override
        public String toString() {
            return String.join("\n", all.stream().map(Event::message).toList());
        }
    }

    /** Runs a command, returns stdout; fails with its output on a non-zero exit. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + rc + ":\n" + out);
        return out;
    }

    static String registry() {
        return TestEnv.registry();
    }
}
