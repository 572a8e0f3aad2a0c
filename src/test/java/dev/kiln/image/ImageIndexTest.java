package dev.kiln.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The index of a multi-platform build: media type by the images' formats, a platform per entry. */
class ImageIndexTest {
    private static Image scratch(ManifestFormat f, String platform) {
        return new Image(f, ImageConfig.scratch(Platform.parse(platform)), List.of());
    }

    private static ImageIndex index(ManifestFormat a, ManifestFormat b) {
        return new ImageIndex(List.of(
                new ImageIndex.PlatformImage(Platform.parse("linux/amd64"), scratch(a, "linux/amd64")),
                new ImageIndex.PlatformImage(Platform.parse("linux/arm/v7"), scratch(b, "linux/arm/v7"))));
    }

    @Test
    void anOciIndexUnlessEveryImageIsDocker() throws Exception {
        assertEquals(MediaTypes.OCI_INDEX, index(ManifestFormat.OCI, ManifestFormat.OCI).index().mediaType());
        assertEquals(MediaTypes.OCI_INDEX, index(ManifestFormat.DOCKER, ManifestFormat.OCI).index().mediaType());
        ImageIndex docker = index(ManifestFormat.DOCKER, ManifestFormat.DOCKER);
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, docker.index().mediaType());
        assertEquals(MediaTypes.OCI_INDEX, docker.asOci().index().mediaType(), "an OCI layout holds OCI types");

        JsonNode json = new ObjectMapper().readTree(docker.indexBlob().bytes());
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, json.get("mediaType").asText());
        JsonNode arm = json.get("manifests").get(1);
        assertEquals(MediaTypes.DOCKER_MANIFEST, arm.get("mediaType").asText());
        assertEquals("arm", arm.get("platform").get("architecture").asText());
        assertEquals("v7", arm.get("platform").get("variant").asText());
        assertEquals(docker.images().get(1).image().manifestBlob().descriptor().digest().toString(), arm.get("digest").asText());
        assertEquals(docker.indexBlob().descriptor().digest(), Digest.sha256(docker.indexBlob().bytes()));
    }

    @Test
    void needsAnImage() {
        assertThrows(IllegalArgumentException.class, () -> new ImageIndex(List.of()));
    }
}
