package dev.kiln.registry;

import dev.kiln.image.MediaTypes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** Location handling, manifest type detection and error bodies. */
class SmallPartsTest {
    @Test
    void uploadLocations() {
        URI base = URI.create("http://127.0.0.1:5000/v2/a/blobs/uploads/");
        assertEquals("http://127.0.0.1:5000/v2/a/blobs/uploads/u1?digest=sha256:x",
                BlobUploads.withQuery(base.resolve("/v2/a/blobs/uploads/u1"), "digest=sha256:x").toString());
        assertEquals("http://127.0.0.1:5000/v2/a/blobs/uploads/u1?_state=abc%3D&digest=sha256:x",
                BlobUploads.withQuery(base.resolve("/v2/a/blobs/uploads/u1?_state=abc%3D"), "digest=sha256:x").toString());
        assertEquals("https://storage.example/up/1?sig=1&digest=sha256:x",
                BlobUploads.withQuery(base.resolve("https://storage.example/up/1?sig=1"), "digest=sha256:x").toString());
        assertEquals("http://127.0.0.1:5000/v2/a/blobs/uploads/rel?digest=sha256:x",
                BlobUploads.withQuery(base.resolve("rel"), "digest=sha256:x").toString());
    }

    @Test
    void endpointOrigin() {
        Endpoint ep = new Endpoint("r", URI.create("https://reg.example/"), null, null);
        assertTrue(ep.sameOrigin(URI.create("https://reg.example:443/v2/x")));
        assertTrue(ep.sameOrigin(URI.create("https://REG.example/v2/x")));
        assertFalse(ep.sameOrigin(URI.create("https://storage.example/blob")));
        assertFalse(ep.sameOrigin(URI.create("https://reg.example:8443/v2/x")));
        Endpoint plain = new Endpoint("r", URI.create("http://127.0.0.1:5000/"), null, null);
        assertTrue(plain.sameOrigin(URI.create("http://127.0.0.1:5000/v2/")));
        assertFalse(plain.sameOrigin(URI.create("http://127.0.0.1:5001/v2/")));
    }

    @Test
    void manifestTypes() {
        byte[] noType = "{\"schemaVersion\":2,\"config\":{}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(MediaTypes.OCI_MANIFEST, ManifestTypes.detect(MediaTypes.OCI_MANIFEST + "; charset=utf-8", noType));
        assertEquals(MediaTypes.OCI_MANIFEST, ManifestTypes.detect("application/json", noType));
        assertEquals(MediaTypes.OCI_INDEX, ManifestTypes.detect(null, "{\"manifests\":[]}".getBytes()));
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, ManifestTypes.detect("text/plain",
                ("{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\"}").getBytes()));
    }

    @Test
    void registryErrorBodies() {
        RegistryException e = RegistryException.of(404, "GET", "127.0.0.1:5000", "/v2/x/manifests/nope",
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}".getBytes());
        assertEquals(404, e.status());
        assertTrue(e.hasCode("MANIFEST_UNKNOWN"));
        assertEquals("GET 127.0.0.1:5000/v2/x/manifests/nope: HTTP 404 Not Found; MANIFEST_UNKNOWN: manifest unknown",
                e.getMessage());
        RegistryException text = RegistryException.of(502, "PUT", "h", "/p", "bad gateway\n".getBytes());
        assertTrue(text.getMessage().endsWith("; bad gateway"), text.getMessage());
        assertTrue(text.errors().isEmpty());
        RegistryException html = RegistryException.of(500, "PUT", "h", "/p", "<html>oops</html>".getBytes());
        assertFalse(html.getMessage().contains("html"));
    }
}
