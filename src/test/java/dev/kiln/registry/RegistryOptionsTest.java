package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class RegistryOptionsTest {
    @Test
    void defaultsAreStrictButLoopbackMayUsePlainHttpAsGoContainerRegistry() {
        RegistryOptions o = RegistryOptions.DEFAULT;
        for (Purpose p : Purpose.values()) {
            for (String r : List.of("docker.io", "my.reg:5000", "10.0.0.1:5000", "128.0.0.1:5000", "localhost.example.com", "127.0.0.1.nip.io")) {
                assertFalse(o.allowsHttp(r, p), r);
                assertTrue(o.verifiesTls(r, p), r);
            }
            for (String r : List.of("127.0.0.1:5000", "127.1.2.3", "localhost:5000", "localhost", "[::1]:5000", "::1", "reg.localhost:80")) {
                assertTrue(o.allowsHttp(r, p), r);
                assertFalse(o.insecure(r, p), r);
                assertTrue(o.verifiesTls(r, p), "loopback https is still verified: " + r);
            }
        }
        assertEquals(RegistryOptions.DEFAULT_USER_AGENT, o.userAgent());
    }

    @Test
    void insecureRegistryAllowsHttpAndSkipsVerificationBothWays() {
        RegistryOptions o = RegistryOptions.DEFAULT.withInsecureRegistries(Set.of("my.reg:5000"));
        for (Purpose p : Purpose.values()) {
            assertTrue(o.allowsHttp("my.reg:5000", p));
            assertFalse(o.verifiesTls("my.reg:5000", p));
            assertFalse(o.allowsHttp("other.reg", p));
        }
    }

    @Test
    void pushAndPullSidesAreSeparate() {
        RegistryOptions push = RegistryOptions.DEFAULT.withInsecureAll(true);
        assertTrue(push.allowsHttp("r", Purpose.PUSH));
        assertFalse(push.allowsHttp("r", Purpose.PULL));

        RegistryOptions pull = RegistryOptions.DEFAULT.withInsecurePull(true);
        assertTrue(pull.allowsHttp("r", Purpose.PULL));
        assertFalse(pull.allowsHttp("r", Purpose.PUSH));

        RegistryOptions skip = RegistryOptions.DEFAULT.withSkipTlsVerify(true);
        assertFalse(skip.verifiesTls("r", Purpose.PUSH));
        assertTrue(skip.verifiesTls("r", Purpose.PULL));
        assertFalse(skip.allowsHttp("r", Purpose.PUSH), "skipping verification does not allow http");

        RegistryOptions skipPull = RegistryOptions.DEFAULT.withSkipTlsVerifyPull(true);
        assertFalse(skipPull.verifiesTls("r", Purpose.PULL));
        assertTrue(skipPull.verifiesTls("r", Purpose.PUSH));

        RegistryOptions perRegistry = RegistryOptions.DEFAULT.withSkipTlsVerifyRegistries(Set.of("r"));
        assertFalse(perRegistry.verifiesTls("r", Purpose.PULL));
        assertFalse(perRegistry.verifiesTls("r", Purpose.PUSH));
        assertTrue(perRegistry.verifiesTls("q", Purpose.PUSH));
    }

    @Test
    void immutable() {
        List<Path> cas = new ArrayList<>(List.of(Path.of("/a.pem")));
        RegistryOptions o = RegistryOptions.DEFAULT.withCaCertificates(cas).withUserAgent("x/1");
        cas.add(Path.of("/b.pem"));
        assertEquals(List.of(Path.of("/a.pem")), o.caCertificates());
        assertThrows(UnsupportedOperationException.class, () -> o.insecureRegistries().add("x"));
        assertEquals("x/1", o.userAgent());
        assertEquals(RegistryOptions.DEFAULT_USER_AGENT, o.withUserAgent(" ").userAgent());
    }
}
