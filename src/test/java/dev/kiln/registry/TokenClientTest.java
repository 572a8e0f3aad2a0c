package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.*;

class TokenClientTest {
    private static final Challenge HUB = Challenge.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\"").getFirst();

    @Test
    void anonymousGetWithServiceAndSortedScopes() {
        HttpRequest r = TokenClient.request(HUB, Optional.empty(),
                Scopes.forPush("me/app", "library/busybox"), "kiln/test");
        assertEquals("GET", r.method());
        assertEquals("https://auth.example/token?service=registry.example"
                + "&scope=repository%3Alibrary%2Fbusybox%3Apull&scope=repository%3Ame%2Fapp%3Apull%2Cpush", r.uri().toString());
        assertTrue(r.headers().firstValue("Authorization").isEmpty());
        assertEquals("kiln/test", r.headers().firstValue("User-Agent").orElseThrow());
    }

    @Test
    void basicCredentialsGoToTheRealm() {
        HttpRequest r = TokenClient.request(HUB, Optional.of(new Credential.Basic("u", "p")), Scopes.forPull("a"), "ua");
        assertEquals(new Credential.Basic("u", "p").header(), r.headers().firstValue("Authorization").orElseThrow());
    }

    @Test
    void realmWithQueryKeepsIt() {
        Challenge c = Challenge.parse("Bearer realm=\"https://a.example/t?x=1\"").getFirst();
        assertEquals("https://a.example/t?x=1&scope=repository%3Aa%3Apull",
                TokenClient.request(c, Optional.empty(), Scopes.forPull("a"), "ua").uri().toString());
    }

    @Test
    void identityTokenIsAnOauthRefreshPost() {
        HttpRequest r = TokenClient.request(HUB, Optional.of(new Credential.IdentityToken("rt")),
                Scopes.forPush("a", null), "ua");
        assertEquals("POST", r.method());
        assertEquals("https://auth.example/token", r.uri().toString());
        assertEquals("application/x-www-form-urlencoded", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValue("Authorization").isEmpty());
        assertEquals("grant_type=refresh_token&refresh_token=rt&client_id=kiln&service=registry.example"
                + "&scope=repository%3Aa%3Apull%2Cpush", body(r));
    }

    @Test
    void realmMustBeHttp() {
        Challenge c = Challenge.parse("Bearer realm=\"file:///etc/passwd\"").getFirst();
        assertThrows(IllegalArgumentException.class, () -> TokenClient.request(c, Optional.empty(), Set.of(), "ua"));
        Challenge none = Challenge.parse("Bearer service=\"x\"").getFirst();
        assertThrows(IllegalArgumentException.class, () -> TokenClient.request(none, Optional.empty(), Set.of(), "ua"));
    }

    @Test
    void parsesTokenOrAccessToken() throws IOException {
        assertEquals("abc", TokenClient.parseToken("{\"token\":\"abc\",\"expires_in\":300}".getBytes(), "x"));
        assertEquals("def", TokenClient.parseToken("{\"access_token\":\"def\"}".getBytes(), "x"));
        assertThrows(IOException.class, () -> TokenClient.parseToken("{}".getBytes(), "x"));
        assertThrows(IOException.class, () -> TokenClient.parseToken("<html>".getBytes(), "x"));
    }

    private static String body(HttpRequest r) {
        List<ByteBuffer> parts = new ArrayList<>();
        r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            public void onNext(ByteBuffer b) { parts.add(b); }
            public void onError(Throwable t) { }
            public void onComplete() { }
        });
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b : parts) sb.append(StandardCharsets.UTF_8.decode(b));
        return sb.toString();
    }
}
