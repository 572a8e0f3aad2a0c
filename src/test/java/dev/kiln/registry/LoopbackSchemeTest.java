package dev.kiln.registry;

import dev.kiln.event.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * go-containerregistry's scheme choice: the plain-http test registry on 127.0.0.1 is reachable without any
 * insecure flag, for pulls and pushes, and https is tried once per process, not once per client.
 */
class LoopbackSchemeTest {
    private final String reg = Fixtures.registry();

    @Test
    void loopbackRegistryFallsBackToHttpWithoutInsecureFlagsAndRemembersIt() throws IOException {
        assertTrue(reg.startsWith("127.") || reg.startsWith("localhost"), "the test registry is on loopback: " + reg);
        Fixtures.Events events = new Fixtures.Events();
        RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT, Credentials.NONE, events);
        RemoteImage img = images.pull(Reference.parse(reg + "/busybox:latest"), Fixtures.AMD64);
        assertFalse(img.image().layers().isEmpty());
        images.checkPushPermissions(List.of(Reference.parse(reg + "/" + Fixtures.repo("loopback") + ":1")));

        List<Event> fallbacks = events.all.stream().filter(e -> e.message().contains("https failed")).toList();
        assertEquals(1, fallbacks.size(), "one https attempt for the pull and push clients together: " + events.all);
        long pings = events.all.stream().filter(e -> e.message().startsWith(reg + " answers http")).count();
        assertEquals(2, pings, "pull and push clients each pinged over plain http: " + events.all);
    }

    @Test
    void insecurePushFlagAloneAlsoPullsFromLoopback() throws IOException {
        RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT.withInsecureAll(true), Credentials.NONE, new Fixtures.Events());
        assertNotNull(images.pull(Reference.parse(reg + "/busybox:latest"), Fixtures.AMD64).manifestDigest());
    }
}
