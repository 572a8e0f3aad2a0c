package dev.kiln.plan;

import dev.kiln.image.Platform;
import dev.kiln.registry.Reference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RemoteImage;

import java.io.IOException;

/** Base images from registries (manifest and config only; layers stay remote until read). */
public record RegistryBaseImages(RegistryImages registry) implements BaseImageResolver {
    @Override
    public BaseImage resolve(String imageRef, Platform platform) throws IOException {
        Reference ref = Reference.parse(imageRef);
        RemoteImage r = registry.pull(ref, platform);
        return new BaseImage(ref.toString(), r.manifestDigest(), r.image());
    }
}
