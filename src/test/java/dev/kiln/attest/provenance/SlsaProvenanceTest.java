package dev.kiln.attest.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.image.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SlsaProvenanceTest {
    @TempDir Path tmp;

    private static BuildFacts facts(List<Material> materials) {
        return new BuildFacts("Dockerfile", Digest.sha256("FROM x".getBytes(StandardCharsets.UTF_8)), "dir://ctx", List.of("app"),
                "linux/amd64", materials, Map.of("VERSION", "1", "NPM_TOKEN", "t0k", "GITHUB_AUTH", "a", "SSH_PRIVATE", "p"),
                Map.of("reproducible", "false"), Instant.parse("2026-12-06T05:00:00Z"), Instant.parse("2026-12-06T05:01:00Z"), "1.0");
    }

    @Test
    void minStatesNoArgsMaxStatesOnlyTheHarmlessOnes() throws Exception {
        Digest image = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
        List<Material> m = List.of(Material.of("pkg:docker/r/busybox?platform=linux%2Famd64", image), new Material("https://x/y.tgz", null, null));
        JsonNode min = new ObjectMapper().readTree(SlsaProvenance.write("r/app", image, facts(m), ProvenanceMode.MIN));
        assertEquals("https://in-toto.io/Statement/v1", min.path("_type").asText());
        assertEquals(image.hex(), min.path("subject").get(0).path("digest").path("sha256").asText());
        JsonNode def = min.path("predicate").path("buildDefinition");
        assertFalse(def.path("externalParameters").has("buildArgs"));
        assertFalse(def.has("internalParameters"));
        assertEquals(2, def.path("resolvedDependencies").size());
        assertFalse(def.path("resolvedDependencies").get(1).has("digest"), "an unpinned download has no digest");
        assertEquals("2026-12-06T05:01:00Z", min.path("predicate").path("runDetails").path("metadata").path("finishedOn").asText());

        JsonNode max = new ObjectMapper().readTree(SlsaProvenance.write("r/app", image, facts(m), ProvenanceMode.MAX));
        JsonNode args = max.path("predicate").path("buildDefinition").path("externalParameters").path("buildArgs");
        assertEquals(List.of("VERSION"), iterator(args));
        assertEquals("false", max.path("predicate").path("buildDefinition").path("internalParameters").path("reproducible").asText());
    }

    private static List<String> iterator(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void contextTreeDigestFollowsContentAndGitCommitIsRead() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("a.txt"), "one");
        Files.createDirectories(ctx.resolve(".git/refs/heads"));
        Files.writeString(ctx.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(ctx.resolve(".git/refs/heads/main"), "0123456789abcdef0123456789abcdef01234567\n");
        List<Material> first = ContextMaterials.of("git://h/r.git#main", ctx);
        assertEquals("0123456789abcdef0123456789abcdef01234567", first.get(1).hex());
        assertEquals("gitCommit", first.get(1).algorithm());
        Files.writeString(ctx.resolve(".git/HEAD"), "ref: refs/heads/other\n");
        assertEquals(first.getFirst(), ContextMaterials.of("git://h/r.git#main", ctx).getFirst(), ".git is not part of the tree digest");
        Files.writeString(ctx.resolve("a.txt"), "two");
        assertNotEquals(first.getFirst().hex(), ContextMaterials.of("git://h/r.git#main", ctx).getFirst().hex());
    }
}
