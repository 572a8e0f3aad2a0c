package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ChallengeTest {
    @Test
    void basic() {
        Challenge c = Challenge.select(List.of("Basic realm=\"kiln-testbed\"")).orElseThrow();
        assertTrue(c.isBasic());
        assertEquals("kiln-testbed", c.realm());
    }

    @Test
    void dockerHubBearer() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull\"").getFirst();
        assertTrue(c.isBearer());
        assertEquals("https://auth.docker.io/token", c.realm());
        assertEquals("registry.docker.io", c.service());
        assertEquals("repository:library/busybox:pull", c.scope());
    }

    @Test
    void insufficientScopeWithSpacesEscapesAndUnquotedValues() {
        Challenge c = Challenge.parse("bearer  realm=https://a/t , service = reg , error=\"insufficient_scope\","
                + " scope=\"repository:a:pull,push repository:b:pull\", note=\"say \\\"hi\\\"\"").getFirst();
        assertEquals("bearer", c.scheme());
        assertEquals("https://a/t", c.realm());
        assertEquals("reg", c.service());
        assertEquals("insufficient_scope", c.error());
        assertEquals("repository:a:pull,push repository:b:pull", c.scope());
        assertEquals("say \"hi\"", c.params().get("note"));
    }

    @Test
    void severalChallengesPreferBearer() {
        List<Challenge> all = Challenge.parse("Basic realm=\"r\", Bearer realm=\"https://t\",service=\"s\"");
        assertEquals(2, all.size());
        assertTrue(all.get(0).isBasic());
        assertEquals(Map.of("realm", "https://t", "service", "s"), all.get(1).params());
        assertTrue(Challenge.select(List.of("Basic realm=\"r\"", "Bearer realm=\"https://t\"")).orElseThrow().isBearer());
        assertEquals(Optional.empty(), Challenge.select(List.of("Negotiate", "")));
        assertEquals(Optional.empty(), Challenge.select(List.of()));
    }

    @Test
    void scopes() {
        assertEquals("repository:library/busybox:pull", Scopes.pull("library/busybox"));
        assertEquals("repository:a/b:pull,push", Scopes.pushPull("a/b"));
        assertEquals(Set.of("repository:a:pull"), Scopes.forPull("a"));
        assertEquals(Set.of("repository:a:pull,push"), Scopes.forPush("a", null));
        assertEquals(Set.of("repository:a:pull,push"), Scopes.forPush("a", "a"));
        assertEquals(Set.of("repository:a:pull,push", "repository:base/x:pull"), Scopes.forPush("a", "base/x"));
        assertEquals(Scopes.key(Set.of("b", "a")), Scopes.key(Set.of("a", "b")));
        assertEquals("a b", Scopes.key(Set.of("b", "a")));
        Challenge c = Challenge.parse("Bearer realm=\"https://t\",scope=\"repository:a:pull repository:c:pull\"").getFirst();
        assertEquals(Set.of("repository:a:pull,push", "repository:a:pull", "repository:c:pull"),
                Scopes.withChallenge(Scopes.forPush("a", null), c));
        assertEquals(Scopes.forPull("a"), Scopes.withChallenge(Scopes.forPull("a"), null));
    }

    @Test
    void tokenCacheKeysDependOnRegistryAndScopeSet() {
        assertEquals(Authenticator.tokenKey("r", Set.of("x", "y")), Authenticator.tokenKey("r", Set.of("y", "x")));
        assertNotEquals(Authenticator.tokenKey("r", Set.of("x")), Authenticator.tokenKey("q", Set.of("x")));
        assertNotEquals(Authenticator.tokenKey("r", Set.of("x")), Authenticator.tokenKey("r", Set.of("x", "y")));
    }
}
