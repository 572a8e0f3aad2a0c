package dev.kiln.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images of one multi-platform build, one per platform, in the order the platforms were asked for. Its index
 * (derived here, as {@link Image} derives its manifest) is a Docker manifest list when every image is a Docker v2s2
 * image, else an OCI image index; each entry carries the platform it was built for.
 */
public record ImageIndex(List<PlatformImage> images) {
    /** One platform's image. */
    public record PlatformImage(Platform platform, Image image) {
        public PlatformImage {
            if (platform == null || image == null) throw new IllegalArgumentException("a platform image needs a platform and an image");
        }
    }

    public ImageIndex {
        images = List.copyOf(images);
        if (images.isEmpty()) throw new IllegalArgumentException("an image index needs at least one image");
    }

    /** Whether every image is a Docker v2s2 image (then the index is a Docker manifest list). */
    public boolean docker() {
        return images.stream().allMatch(p -> p.image().format() == ManifestFormat.DOCKER);
    }

    public Index index() {
        List<Descriptor> ds = new ArrayList<>();
        for (PlatformImage p : images) ds.add(p.image().manifestBlob().descriptor().withPlatform(descriptorPlatform(p.platform())));
        return new Index(2, docker() ? MediaTypes.DOCKER_MANIFEST_LIST : MediaTypes.OCI_INDEX, ds, (Map<String, String>) null);
    }

    public BytesBlob indexBlob() {
        Index i = index();
        return BytesBlob.of(i.mediaType(), Json.write(i));
    }

    /** The index as an OCI layout holds it: OCI media types throughout, the same layer blobs. */
    public ImageIndex asOci() {
        List<PlatformImage> l = new ArrayList<>();
        for (PlatformImage p : images) {
            Image i = p.image();
            l.add(new PlatformImage(p.platform(), new Image(ManifestFormat.OCI, i.config(), i.layers(), i.annotations())));
        }
        return new ImageIndex(l);
    }

    private static Platform descriptorPlatform(Platform p) {
        return Platform.of(p.os(), p.architecture(), p.variant());
    }
}
