package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Token auth against a real registry configured with {@code auth: token:} trusting a token service run by the
 * test: scopes for pull, push and mount, token reuse, refresh after 401, identity tokens, and no secret in events.
 */
class TokenAuthRegistryTest {
    @TempDir static Path tmp;
    static TokenService tokens;
    static RegistryProcess registry;
    static String reg;
    static Image busybox;

    @BeforeAll
    static void start() throws Exception {
        String plain = Fixtures.registry();
        TestPki pki = new TestPki(tmp.resolve("pki"));
        tokens = new TokenService(pki.file("token.key"), pki.file("token.crt"), (account, repo) ->
                account != null ? Set.of("pull", "push") : repo.startsWith("public/") ? Set.of("pull") : Set.of());
        registry = RegistryProcess.start(tmp.resolve("registry"), "", tokens.authYaml(pki.file("token.crt")));
        reg = registry.address();
        busybox = new RegistryImages(Fixtures.plainHttp(plain), Credentials.NONE, EventSink.NONE)
                .pull(Reference.parse(plain + "/busybox:latest"), AMD64).image();
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
        if (tokens != null) tokens.close();
    }

    private final Fixtures.Events events = new Fixtures.Events();

    private RegistryImages client(Credentials creds) {
        return new RegistryImages(Fixtures.plainHttp(reg), creds, events);
    }

    private Credentials basic() {
        return Credentials.of(Map.of(reg, new Credential.Basic(TokenService.USER, tokens.password)));
    }

    private Reference pushed(String repo) throws IOException {
        Reference ref = Reference.parse(reg + "/" + repo + ":1");
        client(basic()).push(busybox, List.of(ref));
        return ref;
    }

    @Test
    void pushRequestsPullPushScopeAndReusesOneToken() throws IOException {
        Reference ref = Reference.parse(reg + "/" + Fixtures.repo("tok-push") + ":1");
        long before = tokens.tokenRequests();
        RegistryImages images = client(basic());
        images.push(busybox, List.of(ref));
        images.push(busybox, List.of(ref.withTag("2")));
        List<TokenService.Request> mine = tokens.requests.subList((int) before, tokens.requests.size());
        assertEquals(1, mine.size(), "one token for every request of both pushes: " + mine);
        assertEquals(List.of(Scopes.pushPull(ref.repository())), mine.getFirst().scopes());
        assertEquals(TokenService.USER, mine.getFirst().account());
        assertEquals(ref.repository(), images.pull(ref, AMD64).reference().repository());
    }

    @Test
    void anonymousPullFollowsTheTokenClaims() throws IOException {
        Reference open = pushed(Fixtures.repo("x").replace("test/", "public/"));
        Reference closed = pushed(Fixtures.repo("private"));
        RegistryImages anonymous = client(Credentials.NONE);
        assertNotNull(anonymous.pull(open, AMD64).manifestDigest());
        RegistryException e = assertThrows(RegistryException.class, () -> anonymous.pull(closed, AMD64));
        assertEquals(401, e.status());
        assertTrue(e.hasCode("UNAUTHORIZED"), e.getMessage());
        IOException push = assertThrows(IOException.class,
                () -> anonymous.push(busybox, List.of(open.withTag("anon"))));
        assertTrue(push.getMessage().contains("401"), push.getMessage());
    }

    @Test
    void crossRepositoryMountAsksForPullOnTheSource() throws IOException {
        Reference from = pushed(Fixtures.repo("mount-from"));
        RegistryImages images = client(basic());
        Image fromRegistry = images.pull(from, AMD64).image();
        Reference to = Reference.parse(reg + "/" + Fixtures.repo("mount-to") + ":1");
        images.push(fromRegistry, List.of(to));
        assertTrue(events.any("mounted from " + from.repository()), events.toString());
        assertTrue(tokens.requests.stream().anyMatch(r -> r.scopes().containsAll(
                List.of(Scopes.pushPull(to.repository()), Scopes.pull(from.repository())))), tokens.requests.toString());
    }

    @Test
    void expiredTokenIsRefreshedAfter401() throws IOException {
        Reference ref = Reference.parse(reg + "/" + Fixtures.repo("tok-expired") + ":1");
        long before = tokens.tokenRequests();
        tokens.expireNext.set(true);
        client(basic()).push(busybox, List.of(ref));
        assertEquals(2, tokens.tokenRequests() - before, "the rejected token was replaced once");
        assertNotNull(client(basic()).pull(ref, AMD64));
    }

    @Test
    void identityTokenFromConfigJsonUsesRefreshTokenGrant() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("docker-" + System.nanoTime()));
        Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"" + reg + "\":{\"identitytoken\":\"" + tokens.refreshToken + "\"}}}");
        Reference ref = Reference.parse(reg + "/" + Fixtures.repo("tok-identity") + ":1");
        long before = tokens.tokenRequests();
        client(DockerConfig.load(dir)).push(busybox, List.of(ref));
        TokenService.Request r = tokens.requests.get((int) before);
        assertEquals("POST", r.method());
        assertEquals("refresh_token", r.grantType());
        assertEquals(TokenService.USER, r.account());

        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + reg + "\":{\"identitytoken\":\"wrong-rt\"}}}");
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerConfig.load(dir)).pull(ref, AMD64));
        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains("wrong-rt"));
    }

    @Test
    void wrongPasswordFailsAtTheTokenEndpoint() {
        String bad = "bad-" + System.nanoTime();
        RegistryImages images = client(Credentials.of(Map.of(reg, new Credential.Basic(TokenService.USER, bad))));
        RegistryException e = assertThrows(RegistryException.class,
                () -> images.pull(Reference.parse(reg + "/busybox:latest"), AMD64));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("/token"), e.getMessage());
        assertFalse(e.getMessage().contains(bad));
    }

    @Test
    void noCredentialOrTokenInAnyEvent() throws IOException {
        Fixtures.Events all = new Fixtures.Events();
        EventSink trace = e -> all.emit(new Event.Log(e.level(), e.topic(), e.message()));
        RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg), basic(), trace);
        Reference ref = Reference.parse(reg + "/" + Fixtures.repo("tok-secrets") + ":1");
        tokens.expireNext.set(true);
        images.push(busybox, List.of(ref));
        images.push(images.pull(ref, AMD64).image(), List.of(Reference.parse(reg + "/" + Fixtures.repo("tok-secrets2") + ":1")));
        Path dir = Files.createDirectories(tmp.resolve("docker-secrets"));
        Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"" + reg + "\":{\"identitytoken\":\"" + tokens.refreshToken + "\"}}}");
        new RegistryImages(Fixtures.plainHttp(reg), DockerConfig.load(dir), trace).pull(ref, AMD64);
        try {
            new RegistryImages(Fixtures.plainHttp(reg), Credentials.of(Map.of(reg,
                    new Credential.Basic(TokenService.USER, tokens.password + "x"))), trace).pull(ref, AMD64);
        } catch (RegistryException e) {
            all.emit(Event.info("error", e.getMessage()));
        }
        assertFalse(all.all.isEmpty());
        List<String> secrets = new java.util.ArrayList<>(tokens.issued);
        secrets.add(tokens.password);
        secrets.add(tokens.refreshToken);
        secrets.add(java.util.Base64.getEncoder().encodeToString((TokenService.USER + ":" + tokens.password).getBytes()));
        for (Event e : all.all) {
            for (String s : secrets) {
                assertFalse(e.message().contains(s) || e.message().contains(s.substring(0, Math.min(s.length(), 40))),
                        "secret in event: " + e);
            }
            assertFalse(e.message().contains("Bearer ") || e.message().contains("Basic "), "auth header in event: " + e);
        }
    }
}
