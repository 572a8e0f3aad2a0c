package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Image;
import dev.kiln.image.Json;
import dev.kiln.image.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static dev.kiln.registry.FaultProxy.*;
import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Scripted faults between kiln and the real registry. Every push either succeeds (retrying) or fails with a
 * clear error, and afterwards the registry (read directly, not through the proxy) never has the tag pointing
 * at a manifest whose blobs are missing.
 */
class FaultInjectionTest {
    static final String POST = "/v2/.+/blobs/uploads/";
    static final String SESSION = "/v2/.+/blobs/uploads/[^/]+";
    static final String BLOB = "/v2/.+/blobs/sha256:[0-9a-f]+";
    static final String MANIFEST = "/v2/.+/manifests/.+";
    static final int CHUNK = 128 * 1024;
    static final String IMMUTABLE = "{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag '1' already exists"
            + " in the repository and cannot be overwritten because the repository is immutable.\"}]}";

    static String upstream;
    static Image busybox;

    @BeforeAll
    static void base() throws IOException {
        upstream = Fixtures.registry();
        busybox = new RegistryImages(Fixtures.plainHttp(upstream), Credentials.NONE, EventSink.NONE)
                .pull(Reference.parse(upstream + "/busybox:latest"), AMD64).image();
    }

    /** Outcome expected of a scenario. */
    enum Expect { SUCCESS, FAILURE, TAG_UNCHANGED }

    record Scenario(String name, Expect expect, List<Rule> rules, boolean ignoreImmutable, Predicate<Fixtures.Events> check) {
        Scenario(String name, Expect expect, Rule... rules) {
            this(name, expect, List.of(rules), false, e -> true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Rule rule(String method, String path, int from, int to, Fault f) {
        return new Rule(method, path, from, to, f);
    }

    static Stream<Scenario> scenarios() {
        int always = Integer.MAX_VALUE;
        String third = "Content-Range: " + 2 * CHUNK + "-";
        String second = "Content-Range: " + CHUNK + "-";
        return Stream.of(
                new Scenario("reset on upload POST", Expect.SUCCESS, rule("POST", POST, 1, 1, new Reset(-1))),
                new Scenario("reset on first PATCH before its body", Expect.SUCCESS, rule("PATCH", SESSION, 1, 1, new Reset(-1))),
                new Scenario("reset on third chunk resumes the session", Expect.SUCCESS,
                        List.of(new Rule("PATCH", SESSION, third, 1, 1, new Reset(-1))), false, e -> e.any("resuming upload")),
                new Scenario("reset in the middle of a chunk's body", Expect.SUCCESS,
                        new Rule("PATCH", SESSION, second, 1, 1, new Reset(5000))),
                new Scenario("truncated PATCH response after the chunk arrived", Expect.SUCCESS,
                        new Rule("PATCH", SESSION, second, 1, 1, new Truncate(20))),
                new Scenario("reset on the finishing PUT", Expect.SUCCESS, rule("PUT", SESSION, 1, 1, new Reset(-1))),
                new Scenario("finishing PUT committed but its response lost", Expect.SUCCESS, rule("PUT", SESSION, 1, 1, new Truncate(0))),
                new Scenario("reset on blob HEAD", Expect.SUCCESS, rule("HEAD", BLOB, 1, 1, new Reset(-1))),
                new Scenario("500 on upload POST", Expect.SUCCESS, rule("POST", POST, 1, 1, new Status(500, null, null))),
                new Scenario("502 on PATCH", Expect.SUCCESS, rule("PATCH", SESSION, 1, 1, new Status(502, null, null))),
                new Scenario("503 with Retry-After on finishing PUT", Expect.SUCCESS, rule("PUT", SESSION, 1, 1, new Status(503, "0", null))),
                new Scenario("429 with Retry-After on HEAD", Expect.SUCCESS,
                        List.of(rule("HEAD", BLOB, 1, 2, new Status(429, "1", null))), false, e -> e.any("Retry-After: 1")),
                new Scenario("404 BLOB_UPLOAD_UNKNOWN on PATCH starts a new session", Expect.SUCCESS, rule("PATCH", SESSION, 1, 1,
                        new Status(404, null, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown\"}]}"))),
                new Scenario("429 without Retry-After on manifest PUT", Expect.SUCCESS, rule("PUT", MANIFEST, 1, 1, new Status(429, null, null))),
                new Scenario("500 twice on manifest PUT", Expect.SUCCESS, rule("PUT", MANIFEST, 1, 2, new Status(500, null, null))),
                new Scenario("truncated manifest PUT response", Expect.SUCCESS, rule("PUT", MANIFEST, 1, 1, new Truncate(10))),
                new Scenario("stall on PATCH then resume", Expect.SUCCESS, rule("PATCH", SESSION, 1, 1, new Stall(300))),
                new Scenario("stall on manifest PUT", Expect.SUCCESS, rule("PUT", MANIFEST, 1, 1, new Stall(300))),
                new Scenario("slowloris on HEAD", Expect.SUCCESS, rule("HEAD", BLOB, 1, 1, new Slowloris(50, 200))),
                new Scenario("immutable tag ignored", Expect.TAG_UNCHANGED,
                        List.of(rule("PUT", MANIFEST, 1, always, new Status(400, null, IMMUTABLE))), true,
                        e -> e.any("is immutable and was not overwritten")),
                new Scenario("immutable tag refused", Expect.FAILURE, rule("PUT", MANIFEST, 1, always, new Status(400, null, IMMUTABLE))),
                new Scenario("503 on every manifest PUT", Expect.FAILURE, rule("PUT", MANIFEST, 1, always, new Status(503, null, null))),
                new Scenario("500 on every upload POST", Expect.FAILURE, rule("POST", POST, 1, always, new Status(500, null, null))),
                new Scenario("reset on every PATCH", Expect.FAILURE, rule("PATCH", SESSION, 1, always, new Reset(-1))),
                new Scenario("403 DENIED on PATCH", Expect.FAILURE, rule("PATCH", SESSION, 1, always, new Status(403, null,
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"))),
                new Scenario("slowloris on every manifest PUT", Expect.FAILURE, rule("PUT", MANIFEST, 1, always, new Slowloris(50, 200))));
    }

    static RegistryOptions options(String proxy) {
        Retry retry = Retry.DEFAULT.withPushRetries(4).withDownloadRetries(3)
                .withDelays(Duration.ofMillis(10), Duration.ofMillis(100))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500));
        return Fixtures.plainHttp(proxy, upstream).withRetry(retry).withUploadChunkSize(CHUNK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pushUnderFault(Scenario s) throws Exception {
        try (FaultProxy proxy = new FaultProxy(port(upstream), s.rules())) {
            Fixtures.Events events = new Fixtures.Events();
            RegistryImages images = new RegistryImages(options(proxy.address()).withPushIgnoreImmutableTagErrors(s.ignoreImmutable()),
                    Credentials.NONE, events);
            String repo = Fixtures.repo("fault");
            Reference dest = Reference.parse(proxy.address() + "/" + repo + ":1");
            IOException failure = null;
            try {
                images.push(busybox, List.of(dest));
            } catch (IOException e) {
                failure = e;
            }
            String context = s + "\nproxy: " + proxy.log + "\nevents:\n" + events;
            assertTrue(proxy.faults() > 0, "the fault was injected: " + context);
            Reference direct = Reference.parse(upstream + "/" + repo + ":1");
            switch (s.expect()) {
                case SUCCESS -> {
                    assertNull(failure, () -> "push should survive: " + context);
                    assertTrue(tagIsComplete(direct), context);
                }
                case TAG_UNCHANGED -> {
                    assertNull(failure, () -> "push should survive: " + context);
                    assertFalse(tagExists(direct), context);
                }
                case FAILURE -> {
                    assertNotNull(failure, "push should fail: " + context);
                    assertTrue(clear(failure), "clear error: " + failure.getMessage());
                    if (tagExists(direct)) assertTrue(tagIsComplete(direct), context);
                }
            }
            assertTrue(s.check().test(events), "scenario check: " + context);
        }
    }

    /** Names what failed: the registry's status, or the request/blob and the I/O error. */
    private static boolean clear(IOException e) {
        String m = e.getMessage();
        if (e instanceof RegistryException || e.getCause() instanceof RegistryException) return m.contains("HTTP ");
        return m.contains("sha256:") || m.contains("/v2/");
    }

    @Test
    void corruptedConfigIsFetchedAgain() throws Exception {
        Reference src = pushDirect("pull-corrupt");
        try (FaultProxy proxy = new FaultProxy(port(upstream), List.of(rule("GET", BLOB, 1, 1, new Corrupt())))) {
            Fixtures.Events events = new Fixtures.Events();
            RegistryImages images = new RegistryImages(options(proxy.address()), Credentials.NONE, events);
            RemoteImage img = images.pull(Reference.parse(proxy.address() + "/" + src.repository() + ":1"), AMD64);
            assertEquals(busybox.config(), img.image().config());
            assertTrue(events.any("digest mismatch") || events.any("retrying blob"), events.toString());
        }
    }

    @Test
    void alwaysCorruptedBlobsFailWithDigestMismatch() throws Exception {
        Reference src = pushDirect("pull-corrupt-always");
        try (FaultProxy proxy = new FaultProxy(port(upstream), List.of(rule("GET", BLOB, 2, Integer.MAX_VALUE, new Corrupt())))) {
            RegistryImages images = new RegistryImages(options(proxy.address()), Credentials.NONE, EventSink.NONE);
            RemoteImage img = images.pull(Reference.parse(proxy.address() + "/" + src.repository() + ":1"), AMD64);
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = img.image().layers().getFirst().open()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            });
            assertTrue(e.getMessage().contains("sha256:"), e.getMessage());
        }
    }

    @Test
    void pullSurvivesServerErrorsAndResets() throws Exception {
        Reference src = pushDirect("pull-5xx");
        List<Rule> rules = List.of(rule("GET", MANIFEST, 1, 1, new Status(503, "0", null)),
                rule("GET", BLOB, 1, 1, new Reset(-1)), rule("GET", BLOB, 2, 2, new Truncate(100)));
        try (FaultProxy proxy = new FaultProxy(port(upstream), rules)) {
            RegistryImages images = new RegistryImages(options(proxy.address()), Credentials.NONE, EventSink.NONE);
            RemoteImage img = images.pull(Reference.parse(proxy.address() + "/" + src.repository() + ":1"), AMD64);
            assertEquals(busybox.config(), img.image().config());
            assertEquals(2, proxy.faults());
        }
    }

    @Test
    void pushPermissionIsCheckedBeforeBuilding() throws Exception {
        try (FaultProxy proxy = new FaultProxy(port(upstream), List.of(rule("POST", POST, 2, Integer.MAX_VALUE, new Status(403, null,
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"))))) {
            RegistryImages images = new RegistryImages(options(proxy.address()), Credentials.NONE, EventSink.NONE);
            Reference ok = Reference.parse(proxy.address() + "/" + Fixtures.repo("perm-ok") + ":1");
            images.checkPushPermissions(List.of(ok));
            Reference denied = Reference.parse(proxy.address() + "/" + Fixtures.repo("perm-denied") + ":1");
            IOException e = assertThrows(IOException.class, () -> images.checkPushPermissions(List.of(ok, denied)));
            assertTrue(e.getMessage().contains("no push permission for " + ok.name()) || e.getMessage().contains(denied.name()), e.getMessage());
            assertTrue(e.getMessage().contains("DENIED") && e.getMessage().contains("--skip-push-permission-check"), e.getMessage());
        }
    }

    private static Reference pushDirect(String name) throws IOException {
        Reference r = Reference.parse(upstream + "/" + Fixtures.repo(name) + ":1");
        new RegistryImages(Fixtures.plainHttp(upstream), Credentials.NONE, EventSink.NONE).push(busybox, List.of(r));
        return r;
    }

    private static int port(String registry) {
        return Integer.parseInt(registry.substring(registry.lastIndexOf(':') + 1));
    }

    private static boolean tagExists(Reference direct) throws IOException {
        RegistryClient c = new RegistryClient(Fixtures.plainHttp(upstream), Purpose.PULL, Credentials.NONE, EventSink.NONE);
        try {
            c.getManifest(direct);
            return true;
        } catch (RegistryException e) {
            if (e.status() == 404) return false;
            throw e;
        }
    }

    /** The tag exists and every blob its manifest names is in the repository. */
    private static boolean tagIsComplete(Reference direct) throws IOException {
        RegistryClient c = new RegistryClient(Fixtures.plainHttp(upstream), Purpose.PUSH, Credentials.NONE, EventSink.NONE);
        Manifest m = Json.read(c.getManifest(direct).bytes(), Manifest.class);
        List<Descriptor> all = new ArrayList<>(m.layers());
        all.add(m.config());
        for (Descriptor d : all) {
            if (!c.blobExists(upstream, direct.repository(), d.digest())) return false;
        }
        return true;
    }
}
