package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.attest.SbomFixtures;
import dev.kiln.attest.SbomSchemas;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15 acceptance on the test registry (distribution 2.8: no referrers API): a jar and a Python dist-info COPYed
 * into a busybox image appear in both SBOMs with purls; the referrers tag index lists SBOMs and provenance with the
 * image as subject; the OCI layout holds them too; the cosign-format signature verifies with openssl; and the image
 * itself is the same as one built without any of it.
 */
class SupplyChainBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path tmp;

    @Test
    void sbomProvenanceAndSignatureAreAttachedNextToTheImage() throws Exception {
        Tools.requireTool("openssl");
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.write(ctx.resolve("demo-1.0.jar"), SbomFixtures.jar(Map.of("META-INF/MANIFEST.MF", SbomFixtures.text("Manifest-Version: 1.0\n"),
                "META-INF/maven/com.example/demo/pom.properties", SbomFixtures.text("groupId=com.example\nartifactId=demo\nversion=1.0\n"))));
        Path dist = Files.createDirectories(ctx.resolve("site/requests-2.31.0.dist-info"));
        Files.writeString(dist.resolve("METADATA"), "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache-2.0\n\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s/busybox:latest
                ARG VERSION
                COPY demo-1.0.jar /app/lib/
                COPY site /usr/lib/python3/site-packages
                """.formatted(reg));
        Path key = tmp.resolve("key.pem"), pub = tmp.resolve("pub.pem");
        assertEquals(0, Tools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString()).exitCode());
        assertEquals(0, Tools.run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString()).exitCode());

        String repo = "test/supply-chain-" + ProcessHandle.current().pid();
        Path layout = tmp.resolve("oci"), digestFile = tmp.resolve("digest");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", reg + "/" + repo + ":1", "--insecure", "--insecure-pull",
                "--reproducible", "--oci-layout-path", layout.toString(), "--digest-file", digestFile.toString(),
                "--build-arg", "VERSION=1.0", "--build-arg", "API_TOKEN=s3cret",
                "--sbom=spdx,cyclonedx", "--provenance=max", "--sign-key", key.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String digest = Files.readString(digestFile).strip();
        ToolResult plain = Kiln.run("build", "-c", ctx.toString(), "-d", reg + "/" + repo + "-plain:1", "--insecure", "--insecure-pull",
                "--reproducible", "--build-arg", "VERSION=1.0", "--build-arg", "API_TOKEN=s3cret", "--digest-file", tmp.resolve("plain").toString());
        assertEquals(0, plain.exitCode(), plain.toString());
        assertEquals(digest, Files.readString(tmp.resolve("plain")).strip(), "attestations never change the image");

        // the referrers tag schema: sha256-<hex> lists the three artifacts, each with the image as subject
        JsonNode index = get(reg, repo, "manifests/" + digest.replace(':', '-'));
        Map<String, JsonNode> byType = new HashMap<>();
        for (JsonNode d : index.path("manifests")) {
            JsonNode m = get(reg, repo, "manifests/" + d.path("digest").asText());
            assertEquals(digest, m.path("subject").path("digest").asText());
            assertEquals(d.path("artifactType").asText(), m.path("artifactType").asText());
            byType.put(m.path("artifactType").asText(), m);
        }
        assertEquals(List.of("application/spdx+json", "application/vnd.cyclonedx+json", "application/vnd.in-toto+json"),
                byType.keySet().stream().sorted().toList());
        byte[] spdx = blob(reg, repo, byType.get("application/spdx+json"));
        assertEquals(List.of(), SbomSchemas.spdxErrors(spdx));
        String spdxText = new String(spdx);
        assertTrue(spdxText.contains("pkg:maven/com.example/demo@1.0") && spdxText.contains("pkg:pypi/requests@2.31.0"), spdxText);
        byte[] cdx = blob(reg, repo, byType.get("application/vnd.cyclonedx+json"));
        assertEquals(List.of(), SbomSchemas.cycloneDxErrors(cdx));
        assertTrue(new String(cdx).contains("pkg:maven/com.example/demo@1.0"));

        JsonNode prov = JSON.readTree(blob(reg, repo, byType.get("application/vnd.in-toto+json")));
        assertEquals("https://slsa.dev/provenance/v1", prov.path("predicateType").asText());
        assertEquals(digest.substring("sha256:".length()), prov.path("subject").get(0).path("digest").path("sha256").asText());
        JsonNode ext = prov.path("predicate").path("buildDefinition").path("externalParameters");
        assertEquals("1.0", ext.path("buildArgs").path("VERSION").asText());
        assertFalse(ext.path("buildArgs").has("API_TOKEN"), "secret-looking build args are left out");
        assertFalse(prov.toString().contains("s3cret"));
        String deps = prov.path("predicate").path("buildDefinition").path("resolvedDependencies").toString();
        assertTrue(deps.contains("pkg:docker/" + reg + "/busybox"), deps);
        assertEquals("1970-01-01T00:00:00Z", prov.path("predicate").path("runDetails").path("metadata").path("startedOn").asText());

        // cosign's signature tag: the payload names the digest; openssl verifies it, and not a tampered payload
        JsonNode sigManifest = get(reg, repo, "manifests/" + digest.replace(':', '-') + ".sig");
        JsonNode layer = sigManifest.path("layers").get(0);
        byte[] payload = blob(reg, repo, sigManifest);
        assertTrue(new String(payload).contains(digest));
        Path p = Files.write(tmp.resolve("payload"), payload);
        Path s = Files.write(tmp.resolve("sig"), Base64.getDecoder().decode(layer.path("annotations").path("dev.cosignproject.cosign/signature").asText()));
        assertEquals(0, Tools.run("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", s.toString(), p.toString()).exitCode());
        Path t = Files.writeString(tmp.resolve("tampered"), new String(payload).replace(digest.substring(7, 15), "00000000"));
        assertNotEquals(0, Tools.run("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", s.toString(), t.toString()).exitCode());

        // cosign's attestation tag: each statement in a DSSE envelope, signed over DSSE's PAE
        JsonNode att = get(reg, repo, "manifests/" + digest.replace(':', '-') + ".att");
        List<String> predicates = new ArrayList<>();
        for (JsonNode l : att.path("layers")) {
            assertEquals("application/vnd.dsse.envelope.v1+json", l.path("mediaType").asText());
            predicates.add(l.path("annotations").path("predicateType").asText());
            JsonNode env = JSON.readTree(blobByDigest(reg, repo, l.path("digest").asText()));
            byte[] statement = Base64.getDecoder().decode(env.path("payload").asText());
            assertTrue(new String(statement).contains(digest.substring(7)), "the statement's subject is the image");
            Path pae = Files.write(tmp.resolve("pae"), dev.kiln.attest.sign.DsseEnvelope.pae(env.path("payloadType").asText(), statement));
            Path es = Files.write(tmp.resolve("esig"), Base64.getDecoder().decode(env.path("signatures").get(0).path("sig").asText()));
            assertEquals(0, Tools.run("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", es.toString(), pae.toString()).exitCode());
        }
        assertEquals(List.of("https://cyclonedx.org/bom", "https://slsa.dev/provenance/v1", "https://spdx.dev/Document"),
                predicates.stream().sorted().toList());

        // the OCI layout: its image entry (ref 1), and artifact manifests whose subject is that entry
        JsonNode layoutIndex = JSON.readTree(layout.resolve("index.json").toFile());
        String imageInLayout = null;
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode d : layoutIndex.path("manifests")) {
            if ("1".equals(d.path("annotations").path("org.opencontainers.image.ref.name").asText())) imageInLayout = d.path("digest").asText();
            else others.add(JSON.readTree(layoutBlob(layout, d.path("digest").asText())));
        }
        assertNotNull(imageInLayout);
        List<String> types = new ArrayList<>();
        for (JsonNode m : others) {
            if (!m.has("subject")) continue;
            assertEquals(imageInLayout, m.path("subject").path("digest").asText());
            types.add(m.path("artifactType").asText());
        }
        assertEquals(List.of("application/spdx+json", "application/vnd.cyclonedx+json", "application/vnd.in-toto+json"), types.stream().sorted().toList());
        assertTrue(Files.exists(layout.resolve("blobs")), "layout blobs");
    }

    @Test
    void aCachedBuildGivesTheSameSbom() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.write(ctx.resolve("demo-1.0.jar"), SbomFixtures.jar(Map.of("META-INF/maven/com.example/demo/pom.properties",
                SbomFixtures.text("groupId=com.example\nartifactId=demo\nversion=1.0\n"))));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s/busybox:latest
                RUN mkdir -p /srv/node_modules/left-pad && echo '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}' > /srv/node_modules/left-pad/package.json
                COPY demo-1.0.jar /app/
                """.formatted(reg));
        List<byte[]> sboms = new ArrayList<>();
        for (String run : List.of("first", "cached")) {
            Path layout = tmp.resolve("oci-" + run);
            ToolResult r = Kiln.run("build", "-c", ctx.toString(), "--no-push", "--insecure-pull", "--reproducible",
                    "--cache", "--cache-repo", "oci:" + tmp.resolve("cache"), "--cache-copy-layers",
                    "--oci-layout-path", layout.toString(), "--sbom");
            assertEquals(0, r.exitCode(), r.toString());
            if (run.equals("cached")) assertTrue(r.stderr().contains("using cached layer"), r.toString());
            for (JsonNode d : JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
                JsonNode m = JSON.readTree(layoutBlob(layout, d.path("digest").asText()));
                if ("application/spdx+json".equals(m.path("artifactType").asText())) {
                    sboms.add(layoutBlob(layout, m.path("layers").get(0).path("digest").asText()));
                }
            }
        }
        assertEquals(2, sboms.size());
        String first = new String(sboms.get(0));
        assertTrue(first.contains("pkg:npm/left-pad@1.3.0") && first.contains("pkg:maven/com.example/demo@1.0"), first);
        assertEquals(first, new String(sboms.get(1)), "the cached build's SBOM is the same document");
    }

    @Test
    void buildKitFormatTagsAnIndexOfTheImageAndItsAttestationManifest() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM %s/busybox:latest\nRUN echo hi > /hi\n".formatted(reg));
        String repo = "test/supply-chain-bk-" + ProcessHandle.current().pid();
        Path digestFile = tmp.resolve("digest");
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", reg + "/" + repo + ":1", "--insecure", "--insecure-pull",
                "--digest-file", digestFile.toString(), "--sbom", "--provenance", "--attest-format=buildkit");
        assertEquals(0, r.exitCode(), r.toString());
        String image = Files.readString(digestFile).strip();
        JsonNode index = JSON.readTree(Tools.skopeoInspectRaw(reg + "/" + repo + ":1"));
        assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
        assertEquals(2, index.path("manifests").size());
        assertEquals(image, index.path("manifests").get(0).path("digest").asText());
        JsonNode att = index.path("manifests").get(1);
        assertEquals("unknown", att.path("platform").path("architecture").asText());
        assertEquals("attestation-manifest", att.path("annotations").path("vnd.docker.reference.type").asText());
        assertEquals(image, att.path("annotations").path("vnd.docker.reference.digest").asText());
        JsonNode m = get(reg, repo, "manifests/" + att.path("digest").asText());
        List<String> predicates = new ArrayList<>();
        for (JsonNode l : m.path("layers")) predicates.add(l.path("annotations").path("in-toto.io/predicate-type").asText());
        assertEquals(List.of("https://slsa.dev/provenance/v1", "https://spdx.dev/Document"), predicates.stream().sorted().toList());
        // a platform-resolving client still gets the image; the OCI referrers are there as well
        assertEquals(0, Tools.runImage(reg + "/" + repo + ":1", "cat", "/hi").exitCode());
        assertEquals(2, get(reg, repo, "manifests/" + image.replace(':', '-')).path("manifests").size());
    }

    private JsonNode get(String reg, String repo, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + reg + "/v2/" + repo + "/" + path))
                .header("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json").build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
        return JSON.readTree(r.body());
    }

    private byte[] blob(String reg, String repo, JsonNode manifest) throws IOException, InterruptedException {
        return blobByDigest(reg, repo, manifest.path("layers").get(0).path("digest").asText());
    }

    private byte[] blobByDigest(String reg, String repo, String d) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://" + reg + "/v2/" + repo + "/blobs/" + d)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static byte[] layoutBlob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs").resolve(digest.replace(':', '/')));
    }
}
