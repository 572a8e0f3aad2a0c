package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Closing the registry images stops their HTTP clients' threads (the JVM's exit waits up to 0.3 s for threads left
 * in a native call, such as a selector's epoll), and requests after it fail instead of hanging.
 */
class RegistryCloseTest {
    private final String reg = Fixtures.registry();

    private static Set<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("SelectorManager")).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void closeStopsTheSelectorThreadsItStarted() throws Exception {
        Set<Thread> before = selectors();
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg), Credentials.NONE, new Fixtures.Events());
        Reference busybox = Reference.parse(reg + "/busybox:latest");
        images.pull(busybox, AMD64);
        Set<Thread> started = selectors();
        started.removeAll(before);
        assertFalse(started.isEmpty(), "a pull runs on an HTTP client with a selector thread");
        images.close();
        for (Thread t : started) t.join(2_000);
        for (Thread t : started) assertFalse(t.isAlive(), t.getName() + " still running after close");
        assertThrows(IOException.class, () -> images.pull(busybox, AMD64));
    }
}
