package dev.kiln.registry;

import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class ReferenceTest {
    static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String DIGEST = "sha256:" + HEX;

    // input, registry, repository, tag ('-' = none), full name; after distribution/reference normalize_test.go
    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io, library/busybox, latest, docker.io/library/busybox:latest",
            "ubuntu, docker.io, library/ubuntu, latest, docker.io/library/ubuntu:latest",
            "library/ubuntu, docker.io, library/ubuntu, latest, docker.io/library/ubuntu:latest",
            "fooo/bar, docker.io, fooo/bar, latest, docker.io/fooo/bar:latest",
            "nonlibrary/ubuntu, docker.io, nonlibrary/ubuntu, latest, docker.io/nonlibrary/ubuntu:latest",
            "other/library, docker.io, other/library, latest, docker.io/other/library:latest",
            "docker/docker, docker.io, docker/docker, latest, docker.io/docker/docker:latest",
            "docker.io/ubuntu, docker.io, library/ubuntu, latest, docker.io/library/ubuntu:latest",
            "docker.io/library/debian, docker.io, library/debian, latest, docker.io/library/debian:latest",
            "index.docker.io/ubuntu, docker.io, library/ubuntu, latest, docker.io/library/ubuntu:latest",
            "index.docker.io/docker/docker, docker.io, docker/docker, latest, docker.io/docker/docker:latest",
            "127.0.0.1:8000/private/moonbase, 127.0.0.1:8000, private/moonbase, latest, 127.0.0.1:8000/private/moonbase:latest",
            "127.0.0.1:8000/privatebase, 127.0.0.1:8000, privatebase, latest, 127.0.0.1:8000/privatebase:latest",
            "localhost:8000/private/moonbase, localhost:8000, private/moonbase, latest, localhost:8000/private/moonbase:latest",
            "localhost/privatebase, localhost, privatebase, latest, localhost/privatebase:latest",
            "localhost/x, localhost, x, latest, localhost/x:latest",
            "example.com/private/moonbase, example.com, private/moonbase, latest, example.com/private/moonbase:latest",
            "example.com:8000/privatebase:v2, example.com:8000, privatebase, v2, example.com:8000/privatebase:v2",
            "busybox:1.36, docker.io, library/busybox, 1.36, docker.io/library/busybox:1.36",
            "host:5000/repo:tag, host:5000, repo, tag, host:5000/repo:tag",
            "192.168.0.1, docker.io, library/192.168.0.1, latest, docker.io/library/192.168.0.1:latest",
            "192.168.0.1:80, docker.io, library/192.168.0.1, 80, docker.io/library/192.168.0.1:80",
            "192.168.0.1:8/debian, 192.168.0.1:8, debian, latest, 192.168.0.1:8/debian:latest",
            "[fc00::1]:5000/docker, [fc00::1]:5000, docker, latest, [fc00::1]:5000/docker:latest",
            "[fc00:1:2:3:4:5:6:7]:5000/library/debian, [fc00:1:2:3:4:5:6:7]:5000, library/debian, latest, [fc00:1:2:3:4:5:6:7]:5000/library/debian:latest",
            "Foo/bar, Foo, bar, latest, Foo/bar:latest",
            "a.b/c__d/e-f.g--h, a.b, c__d/e-f.g--h, latest, a.b/c__d/e-f.g--h:latest",
            "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a, docker.io, library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a, latest, docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a:latest",
            "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev, docker.io, library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev, latest, docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest",
            "busybox:Tag_1.0-rc, docker.io, library/busybox, Tag_1.0-rc, docker.io/library/busybox:Tag_1.0-rc",
    })
    void normalizes(String in, String registry, String repository, String tag, String full) {
        Reference r = Reference.parse(in);
        assertEquals(registry, r.registry());
        assertEquals(repository, r.repository());
        assertEquals(tag, r.tag());
        assertNull(r.digest());
        assertEquals(full, r.toString());
        assertEquals(r, Reference.parse(r.toString()), "normalized form parses back to itself");
    }

    @Test
    void digestOnly() {
        Reference r = Reference.parse("busybox@" + DIGEST);
        assertEquals("library/busybox", r.repository());
        assertNull(r.tag());
        assertEquals(Digest.parse(DIGEST), r.digest());
        assertEquals(DIGEST, r.reference());
        assertEquals("docker.io/library/busybox@" + DIGEST, r.toString());
    }

    @Test
    void tagAndDigestDigestWins() {
        Reference r = Reference.parse("127.0.0.1:5000/a/b:1.0@" + DIGEST);
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("a/b", r.repository());
        assertEquals("1.0", r.tag());
        assertEquals(DIGEST, r.reference());
        assertEquals("127.0.0.1:5000/a/b:1.0@" + DIGEST, r.toString());
        assertEquals(r, Reference.parse(r.toString()));
    }

    @Test
    void withTagWithDigestAndContext() {
        Reference r = Reference.parse("localhost:5000/x/y:1");
        assertEquals("1", r.reference());
        Reference d = r.withDigest(Digest.parse(DIGEST));
        assertEquals("1", d.tag());
        assertEquals(DIGEST, d.reference());
        Reference t = d.withTag("2");
        assertEquals("2", t.reference());
        assertNull(t.digest());
        assertEquals(new BlobOrigin("localhost:5000", "x/y"), r.context());
        assertEquals("localhost:5000/x/y", r.name());
    }

    @Test
    void apiHost() {
        assertEquals("registry-1.docker.io", Reference.apiHost(Reference.parse("busybox").registry()));
        assertEquals("127.0.0.1:5000", Reference.apiHost("127.0.0.1:5000"));
    }

    // after TestValidateReferenceName and TestInvalidReferenceComponents
    @ParameterizedTest
    @ValueSource(strings = {
            "", "https://github.com/docker/docker", "docker/Docker", "-docker", "-docker/docker",
            "-docker.io/docker/docker", "docker///docker", "docker.io/docker/Docker", "docker.io/docker///docker",
            "[fc00::1]", "[fc00::1]:5000", "fc00::1:5000/debian", "[fe80::1%eth0]:5000/debian",
            "[2001:db8:3:4::192.0.2.33]:5000/debian",
            "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
            "UPPER", "busybox:", ":tag", "busybox:-bad", "busybox:.bad", "busybox@sha256:abc",
            "busybox@md5:0123456789abcdef0123456789abcdef", "a//b", "a/", "/a", "a/b/", "repo:tag:tag",
            "foo_/bar", "foo/.bar", "-foo.com/bar", "foo.com:port/bar", "busybox@" + DIGEST + "@" + DIGEST,
    })
    void rejects(String in) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(in));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void messagesSayWhy() {
        assertTrue(Reference.parse("busybox").tag() != null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("docker/Docker"))
                .getMessage().contains("lowercase"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Reference.parse("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a"))
                .getMessage().contains("64-byte hexadecimal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("busybox:" + "t".repeat(129)))
                .getMessage().contains("invalid tag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("busybox@sha256:abc"))
                .getMessage().contains("busybox@sha256:abc"));
    }

    @Test
    void tagLengthLimits() {
        assertEquals("t".repeat(128), Reference.parse("busybox:" + "t".repeat(128)).tag());
    }

    @Test
    void nameLengthLimit() {
        String longName = "a".repeat(256);
        assertThrows(IllegalArgumentException.class, () -> Reference.parse("example.com/" + longName));
        assertEquals("a".repeat(200), Reference.parse("example.com/" + "a".repeat(200)).repository());
    }

    @Test
    void constructorValidates() {
        assertThrows(IllegalArgumentException.class, () -> new Reference("docker.io", "library/busybox", null, null));
        assertThrows(IllegalArgumentException.class, () -> new Reference("bad host", "x", "latest", null));
        assertThrows(IllegalArgumentException.class, () -> new Reference("docker.io", "Library/x", "latest", null));
    }
}
